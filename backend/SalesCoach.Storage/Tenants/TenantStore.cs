using Dapper;
using SalesCoach.Storage.Database;

namespace SalesCoach.Storage.Tenants;

/// <summary>Tenants, API keys and CRM connections. Every read that returns tenant data takes the tenant id.</summary>
public sealed class TenantStore(SqlDatabase database, TimeProvider time)
{
    public const string DemoTenantId = "demo";

    /// <summary>Creates a tenant and its first admin key; the plain key is returned once and never stored.</summary>
    public async Task<(Tenant Tenant, string ApiKey)> CreateAsync(string name, CancellationToken cancellationToken = default)
    {
        var tenant = new Tenant(Guid.NewGuid().ToString("N"), name, time.GetUtcNow());
        var key = ApiKeys.Generate();
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO tenants (id, name, created_at) VALUES (@Id, @Name, @at)",
            new { tenant.Id, tenant.Name, at = tenant.CreatedAt.ToUnixMs() }, transaction, cancellationToken: cancellationToken));
        await InsertKeyAsync(connection, transaction, tenant.Id, key, Roles.Admin, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (tenant, key);
    }

    /// <summary>
    /// Creates the demo tenant if needed and makes <paramref name="apiKey"/> its one live admin key (idempotent). The
    /// configuration is the truth for the demo tenant: a key it used before and then replaced is reinstated when it is
    /// configured again. A key that is (or was) another tenant's is refused, revoked or not.
    /// </summary>
    public async Task EnsureDemoTenantAsync(string apiKey, CancellationToken cancellationToken = default)
    {
        var hash = ApiKeys.Hash(apiKey);
        var now = time.GetUtcNow().ToUnixMs();
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO tenants (id, name, created_at) VALUES (@id, @name, @at) ON CONFLICT (id) DO NOTHING",
            new { id = DemoTenantId, name = "Demo Company", at = now }, transaction, cancellationToken: cancellationToken));
        var owner = await connection.QuerySingleOrDefaultAsync<(string TenantId, string Role, long? RevokedAt)?>(new CommandDefinition(
            "SELECT tenant_id, role, revoked_at FROM api_keys WHERE key_hash = @hash",
            new { hash }, transaction, cancellationToken: cancellationToken));
        if (owner is { } key && key.TenantId != DemoTenantId)
        {
            throw new InvalidOperationException("Demo:ApiKey is, or was, another tenant's API key; configure a key of its own for the demo tenant.");
        }

        // A changed demo key replaces the old one rather than adding a second live key.
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @at WHERE tenant_id = @id AND revoked_at IS NULL AND key_hash <> @hash",
            new { id = DemoTenantId, hash, at = now }, transaction, cancellationToken: cancellationToken));
        if (owner is null)
        {
            await InsertKeyAsync(connection, transaction, DemoTenantId, apiKey, Roles.Admin, cancellationToken);
        }
        else if (owner.Value.RevokedAt is not null || owner.Value.Role != Roles.Admin)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE api_keys SET revoked_at = NULL, role = @role WHERE key_hash = @hash AND tenant_id = @id",
                new { id = DemoTenantId, hash, role = Roles.Admin }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<Tenant?> FindAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TenantRow>(new CommandDefinition(
            "SELECT id AS Id, name AS Name, created_at AS CreatedAt FROM tenants WHERE id = @tenantId",
            new { tenantId }, cancellationToken: cancellationToken));
        return row is null ? null : new Tenant(row.Id, row.Name, UnixTime.FromUnixMs(row.CreatedAt));
    }

    public async Task<ApiKeyIdentity?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ApiKeyIdentity>(new CommandDefinition(
            "SELECT id AS KeyId, tenant_id AS TenantId, role AS Role FROM api_keys WHERE key_hash = @hash AND revoked_at IS NULL",
            new { hash = ApiKeys.Hash(apiKey) }, cancellationToken: cancellationToken));
    }

    private sealed record TenantRow(string Id, string Name, long CreatedAt);

    private async Task InsertKeyAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        string tenantId, string key, string role, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO api_keys (id, tenant_id, key_hash, prefix, role, created_at)
            VALUES (@id, @tenantId, @hash, @prefix, @role, @at)
            """,
            new
            {
                id = Guid.NewGuid().ToString("N"),
                tenantId,
                hash = ApiKeys.Hash(key),
                prefix = ApiKeys.DisplayPrefix(key),
                role,
                at = time.GetUtcNow().ToUnixMs(),
            }, transaction, cancellationToken: cancellationToken));
}
