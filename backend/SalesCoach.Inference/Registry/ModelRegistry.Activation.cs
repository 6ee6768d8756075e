using Dapper;
using SalesCoach.Storage.Database;

namespace SalesCoach.Inference.Registry;

public sealed partial class ModelRegistry
{
    /// <summary>Makes <paramref name="version"/> the active one for (tenant, name); the previous one stays in the history for roll-back.</summary>
    public async Task<ModelVersion> ActivateAsync(string tenantId, string name, int version, string actor, CancellationToken cancellationToken = default)
    {
        CheckScope(tenantId, name);
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await BeginAsync(connection, tenantId, name, cancellationToken);
        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM model_versions WHERE tenant_id = @tenantId AND name = @name AND version = @version",
            new { tenantId, name, version = (long)version }, transaction, cancellationToken: cancellationToken));
        if (exists == 0)
        {
            throw new ModelRegistryException($"Model {Describe(tenantId, name)} has no version {version}.");
        }

        await InsertActivationAsync(connection, transaction, tenantId, name, version, actor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await GetAsync(tenantId, name, version, cancellationToken))!;
    }

    /// <summary>
    /// Registers the model a release ships, once: nothing happens when a version with the same bytes is
    /// already registered (answers null). Otherwise it becomes the next version, and is activated when
    /// (tenant, name) has no active version yet or when the active one was put there by
    /// <paramref name="actor"/> itself (an earlier seed); a version an operator activated or rolled back to
    /// stays active, and the new one waits, registered, for them to choose. The write lock of
    /// <see cref="RegisterAsync"/> makes this safe when several hosts seed at once: exactly one writes.
    /// </summary>
    public async Task<ModelVersion?> SeedAsync(string tenantId, string name, ModelRegistration registration, string actor, CancellationToken cancellationToken = default)
    {
        CheckScope(tenantId, name);
        CheckRegistration(registration);
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(registration.Onnx));
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await BeginAsync(connection, tenantId, name, cancellationToken);
        var same = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM model_versions WHERE tenant_id = @tenantId AND name = @name AND sha256 = @sha256",
            new { tenantId, name, sha256 }, transaction, cancellationToken: cancellationToken));
        if (same > 0)
        {
            return null;
        }

        var version = (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions WHERE tenant_id = @tenantId AND name = @name",
            new { tenantId, name }, transaction, cancellationToken: cancellationToken));
        var activeBy = await connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
            "SELECT actor FROM model_activations WHERE tenant_id = @tenantId AND name = @name AND rolled_back_at IS NULL ORDER BY seq DESC LIMIT 1",
            new { tenantId, name }, transaction, cancellationToken: cancellationToken));
        await InsertVersionAsync(connection, transaction, tenantId, name, version, registration, sha256, cancellationToken);
        if (activeBy is null || activeBy == actor)
        {
            await InsertActivationAsync(connection, transaction, tenantId, name, version, actor, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(tenantId, name, version, cancellationToken);
    }

    /// <summary>
    /// Returns (tenant, name) to the version that was active before the current one and answers what
    /// now serves the tenant. Rolling back a tenant's only override hands it back to the global default.
    /// </summary>
    public async Task<ModelVersion?> RollbackAsync(string tenantId, string name, string actor, CancellationToken cancellationToken = default)
    {
        CheckScope(tenantId, name);
        using (await database.EnterWriteAsync(cancellationToken))
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await BeginAsync(connection, tenantId, name, cancellationToken))
        {
            var live = (await connection.QueryAsync<long>(new CommandDefinition(
                "SELECT seq FROM model_activations WHERE tenant_id = @tenantId AND name = @name AND rolled_back_at IS NULL ORDER BY seq DESC LIMIT 2",
                new { tenantId, name }, transaction, cancellationToken: cancellationToken))).ToList();
            if (live.Count == 0 || (live.Count == 1 && tenantId == GlobalTenant))
            {
                throw new ModelRegistryException($"Model {Describe(tenantId, name)} has no earlier active version to roll back to.");
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE model_activations SET rolled_back_at = @at WHERE tenant_id = @tenantId AND name = @name AND seq = @seq",
                new { tenantId, name, seq = live[0], at = time.GetUtcNow().ToUnixMs() }, transaction, cancellationToken: cancellationToken));
            await AuditAsync(connection, transaction, tenantId, actor, "model.rollback", name, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return await ResolveAsync(tenantId, name, cancellationToken);
    }

    /// <summary>The version that serves (tenant, name): the tenant's own active version, else the global default's, else none.</summary>
    public async Task<ModelVersion?> ResolveAsync(string tenantId, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var active = await connection.QueryFirstOrDefaultAsync<ActiveRow>(new CommandDefinition(
            """
            SELECT tenant_id AS TenantId, version AS Version FROM model_activations
            WHERE tenant_id IN (@tenantId, '') AND name = @name AND rolled_back_at IS NULL
            ORDER BY CASE WHEN tenant_id = '' THEN 1 ELSE 0 END, seq DESC
            LIMIT 1
            """,
            new { tenantId, name }, cancellationToken: cancellationToken));
        return active is null ? null : await GetAsync(active.TenantId, name, (int)active.Version, cancellationToken);
    }

    /// <summary>Every activation of (tenant, name), newest first.</summary>
    public async Task<IReadOnlyList<ModelActivation>> HistoryAsync(string tenantId, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ActivationRow>(new CommandDefinition(
            """
            SELECT tenant_id AS TenantId, name AS Name, seq AS Seq, version AS Version, actor AS Actor, activated_at AS ActivatedAt, rolled_back_at AS RolledBackAt
            FROM model_activations WHERE tenant_id = @tenantId AND name = @name ORDER BY seq DESC
            """,
            new { tenantId, name }, cancellationToken: cancellationToken));
        return rows.Select(r => new ModelActivation(
            r.TenantId, r.Name, (int)r.Seq, (int)r.Version, r.Actor, UnixTime.FromUnixMs(r.ActivatedAt),
            r.RolledBackAt is { } at ? UnixTime.FromUnixMs(at) : null)).ToList();
    }

    private async Task InsertActivationAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string tenantId, string name, int version, string actor,
        CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO model_activations (tenant_id, name, seq, version, actor, activated_at, rolled_back_at)
            VALUES (@tenantId, @name,
                    (SELECT COALESCE(MAX(seq), 0) + 1 FROM model_activations WHERE tenant_id = @tenantId AND name = @name),
                    @version, @actor, @at, NULL)
            """,
            new { tenantId, name, version = (long)version, actor, at = time.GetUtcNow().ToUnixMs() }, transaction, cancellationToken: cancellationToken));
        await AuditAsync(connection, transaction, tenantId, actor, "model.activate", $"{name} v{version}", cancellationToken);
    }

    private Task AuditAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string tenantId, string actor, string action, string detail, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_log (id, tenant_id, actor, action, detail, at) VALUES (@id, @tenantId, @actor, @action, @detail, @at)",
            new { id = SortableId.New(time), tenantId, actor, action, detail, at = time.GetUtcNow().ToUnixMs() }, transaction, cancellationToken: cancellationToken));

    private sealed record ActiveRow(string TenantId, long Version);

    private sealed record ActivationRow(string TenantId, string Name, long Seq, long Version, string Actor, long ActivatedAt, long? RolledBackAt);
}
