using System.Data.Common;
using Dapper;
using SalesCoach.Storage.Database;

namespace SalesCoach.Storage.Tenants;

public sealed record AuditEntry(string Id, string TenantId, string Actor, string Action, string? Detail, DateTimeOffset At);

/// <summary>Who did what among admin actions. Details never hold secrets.</summary>
public sealed class AuditLog(SqlDatabase database, TimeProvider time)
{
    private const string Insert = "INSERT INTO audit_log (id, tenant_id, actor, action, detail, at) VALUES (@id, @tenantId, @actor, @action, @detail, @at)";

    public async Task RecordAsync(string tenantId, string actor, string action, string? detail, CancellationToken cancellationToken = default)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            Insert, new { id = SortableId.New(time), tenantId, actor, action, detail, at = time.GetUtcNow().ToUnixMs() },
            cancellationToken: cancellationToken));
    }

    /// <summary>Records inside the caller's write transaction, so the entry commits with what it describes, or neither does.</summary>
    public async Task RecordAsync(
        DbConnection connection, DbTransaction transaction, string tenantId, string actor, string action, string? detail,
        CancellationToken cancellationToken = default) =>
        await connection.ExecuteAsync(new CommandDefinition(
            Insert, new { id = SortableId.New(time), tenantId, actor, action, detail, at = time.GetUtcNow().ToUnixMs() },
            transaction, cancellationToken: cancellationToken));

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string tenantId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            """
            SELECT id AS Id, tenant_id AS TenantId, actor AS Actor, action AS Action, detail AS Detail, at AS At
            FROM audit_log WHERE tenant_id = @tenantId ORDER BY at DESC, id DESC LIMIT @limit
            """,
            new { tenantId, limit }, cancellationToken: cancellationToken));
        return rows.Select(r => new AuditEntry(r.Id, r.TenantId, r.Actor, r.Action, r.Detail, UnixTime.FromUnixMs(r.At))).ToList();
    }

    private sealed record AuditRow(string Id, string TenantId, string Actor, string Action, string? Detail, long At);
}
