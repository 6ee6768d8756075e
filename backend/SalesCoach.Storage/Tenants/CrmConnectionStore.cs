using Dapper;
using SalesCoach.Storage.Database;

namespace SalesCoach.Storage.Tenants;

public enum ConnectResult
{
    Connected,
    OrgTakenByAnotherTenant,
}

/// <summary>Which CRM org belongs to which tenant. An org maps to exactly one tenant, enforced by a unique key.</summary>
public sealed class CrmConnectionStore(SqlDatabase database, TimeProvider time)
{
    public async Task<IReadOnlyList<CrmConnection>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ConnectionRow>(new CommandDefinition(
            $"{SelectColumns} WHERE tenant_id = @tenantId ORDER BY crm", new { tenantId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToConnection()).ToList();
    }

    /// <summary>Finds the tenant that connected this org, the lookup every CRM proof ends with.</summary>
    public async Task<CrmConnection?> FindByOrgAsync(string crm, string orgId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ConnectionRow>(new CommandDefinition(
            $"{SelectColumns} WHERE crm = @crm AND org_id = @orgId", new { crm, orgId }, cancellationToken: cancellationToken));
        return row?.ToConnection();
    }

    public async Task<ConnectResult> ConnectAsync(
        string tenantId, string crm, string orgId, string? displayName, string? instanceUrl, CancellationToken cancellationToken = default)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var owner = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT tenant_id FROM crm_connections WHERE crm = @crm AND org_id = @orgId",
            new { crm, orgId }, transaction, cancellationToken: cancellationToken));
        if (owner is not null && owner != tenantId)
        {
            return ConnectResult.OrgTakenByAnotherTenant;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO crm_connections (tenant_id, crm, org_id, display_name, instance_url, created_at)
            VALUES (@tenantId, @crm, @orgId, @displayName, @instanceUrl, @at)
            ON CONFLICT (tenant_id, crm) DO UPDATE SET
                org_id = excluded.org_id, display_name = excluded.display_name, instance_url = excluded.instance_url
            """,
            new { tenantId, crm, orgId, displayName, instanceUrl, at = time.GetUtcNow().ToUnixMs() },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return ConnectResult.Connected;
    }

    public async Task<bool> DisconnectAsync(string tenantId, string crm, CancellationToken cancellationToken = default)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM crm_connections WHERE tenant_id = @tenantId AND crm = @crm",
            new { tenantId, crm }, cancellationToken: cancellationToken));
        return removed > 0;
    }

    private const string SelectColumns =
        "SELECT tenant_id AS TenantId, crm AS Crm, org_id AS OrgId, display_name AS DisplayName, instance_url AS InstanceUrl, created_at AS CreatedAt FROM crm_connections";

    private sealed record ConnectionRow(string TenantId, string Crm, string OrgId, string? DisplayName, string? InstanceUrl, long CreatedAt)
    {
        public CrmConnection ToConnection() => new(TenantId, Crm, OrgId, DisplayName, InstanceUrl, UnixTime.FromUnixMs(CreatedAt));
    }
}
