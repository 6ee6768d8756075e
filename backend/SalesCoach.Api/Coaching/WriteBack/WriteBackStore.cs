using Dapper;
using SalesCoach.Storage.Database;

namespace SalesCoach.Api.Coaching.WriteBack;

public static class WriteBackStatus
{
    public const string Pending = "pending";
    public const string Written = "written";
    public const string Skipped = "skipped";
    public const string Failed = "failed";
}

public sealed record WriteBackJob(
    string TenantId, string InteractionId, string Crm, string RecordType, string RecordId,
    string Status, int Attempts, string? LastError, string? NoteId, DateTimeOffset UpdatedAt);

/// <summary>Write-back jobs, persisted so their state is visible and a job pending at shutdown runs again at start.</summary>
public sealed class WriteBackStore(SqlDatabase database, TimeProvider time)
{
    private const string Columns =
        """
        tenant_id AS TenantId, interaction_id AS InteractionId, crm AS Crm, record_type AS RecordType, record_id AS RecordId,
        status AS Status, attempts AS Attempts, last_error AS LastError, note_id AS NoteId, updated_at AS UpdatedAt
        """;

    /// <summary>Adds a pending job for a completed interaction; true when one now exists (new or already there).</summary>
    public async Task<bool> AddAsync(string tenantId, string interactionId, CancellationToken cancellationToken)
    {
        using (await database.EnterWriteAsync(cancellationToken))
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO coaching_writebacks (tenant_id, interaction_id, crm, record_type, record_id, status, attempts, created_at, updated_at)
                SELECT tenant_id, id, crm, record_type, record_id, 'pending', 0, @now, @now FROM coaching_interactions
                WHERE tenant_id = @tenantId AND id = @interactionId AND status = 'completed'
                ON CONFLICT (tenant_id, interaction_id) DO NOTHING
                """, new { tenantId, interactionId, now = time.GetUtcNow().ToUnixMs() }, cancellationToken: cancellationToken));
        }

        return await GetAsync(tenantId, interactionId, cancellationToken) is not null;
    }

    public async Task<WriteBackJob?> GetAsync(string tenantId, string interactionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            $"SELECT {Columns} FROM coaching_writebacks WHERE tenant_id = @tenantId AND interaction_id = @interactionId",
            new { tenantId, interactionId }, cancellationToken: cancellationToken));
        return row?.ToJob();
    }

    /// <summary>Puts a finished job (failed, skipped or written) back to pending with a fresh attempt budget.</summary>
    public async Task ResetAsync(string tenantId, string interactionId, CancellationToken cancellationToken)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE coaching_writebacks SET status = 'pending', attempts = 0, last_error = NULL, updated_at = @now
            WHERE tenant_id = @tenantId AND interaction_id = @interactionId AND status <> 'pending'
            """, new { tenantId, interactionId, now = time.GetUtcNow().ToUnixMs() }, cancellationToken: cancellationToken));
    }

    public async Task UpdateAsync(
        string tenantId, string interactionId, string status, int attempts, string? lastError, string? noteId, CancellationToken cancellationToken)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE coaching_writebacks SET status = @status, attempts = @attempts, last_error = @lastError,
                note_id = COALESCE(@noteId, note_id), updated_at = @now
            WHERE tenant_id = @tenantId AND interaction_id = @interactionId
            """,
            new { tenantId, interactionId, status, attempts, lastError, noteId, now = time.GetUtcNow().ToUnixMs() },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Every tenant's pending jobs, for the worker's start only: the one query here that is not scoped to a tenant,
    /// because recovering work left by a shutdown is the host's job, not a tenant's request.
    /// </summary>
    public async Task<List<(string TenantId, string InteractionId)>> ListPendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string, string)>(new CommandDefinition(
            "SELECT tenant_id, interaction_id FROM coaching_writebacks WHERE status = 'pending' ORDER BY updated_at",
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    private sealed record JobRow(
        string TenantId, string InteractionId, string Crm, string RecordType, string RecordId,
        string Status, long Attempts, string? LastError, string? NoteId, long UpdatedAt)
    {
        public WriteBackJob ToJob() =>
            new(TenantId, InteractionId, Crm, RecordType, RecordId, Status, (int)Attempts, LastError, NoteId, UnixTime.FromUnixMs(UpdatedAt));
    }
}
