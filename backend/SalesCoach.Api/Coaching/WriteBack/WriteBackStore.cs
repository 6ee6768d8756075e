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

/// <summary>
/// Why a job failed, for a client to act on (<see cref="WriteBackJob.LastError"/> says it in words). Both Salesforce codes
/// mean the same to the rep: open SalesCoach in Salesforce again, which stores a fresh session and queues the job again.
/// </summary>
public static class WriteBackErrorCodes
{
    /// <summary>Salesforce refused the rep's refresh token (<c>invalid_grant</c>: revoked, expired, user deactivated); the tokens are forgotten.</summary>
    public const string AuthorizationRevoked = "crm_authorization_revoked";

    /// <summary>No usable session is stored for the rep and none could be renewed (no refresh token, or no consumer key).</summary>
    public const string SessionExpired = "crm_session_expired";
}

public sealed record WriteBackJob(
    string TenantId, string InteractionId, string Crm, string RecordType, string RecordId,
    string Status, int Attempts, string? LastError, string? NoteId, DateTimeOffset UpdatedAt, string? ErrorCode = null);

/// <summary>
/// Write-back jobs, persisted so their state is visible and a job pending at shutdown runs again at start. Replicas sharing
/// the store take a job before running it (<c>claimed_by</c>, <c>lease_until</c>), so each runs on one replica at a time.
/// </summary>
public sealed class WriteBackStore(SqlDatabase database, TimeProvider time)
{
    private const string Columns =
        """
        tenant_id AS TenantId, interaction_id AS InteractionId, crm AS Crm, record_type AS RecordType, record_id AS RecordId,
        status AS Status, attempts AS Attempts, last_error AS LastError, note_id AS NoteId, updated_at AS UpdatedAt,
        error_code AS ErrorCode
        """;

    // Pending, its retry time reached, and held by no replica (or by one whose lease ran out).
    private const string Due =
        "status = 'pending' AND (lease_until IS NULL OR lease_until <= @now) AND (not_before IS NULL OR not_before <= @now)";

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

    /// <summary>Puts a finished job (failed, skipped or written) back to pending with a fresh attempt budget, due now.</summary>
    public async Task ResetAsync(string tenantId, string interactionId, CancellationToken cancellationToken)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE coaching_writebacks SET status = 'pending', attempts = 0, last_error = NULL, error_code = NULL, updated_at = @now,
                not_before = NULL, claimed_by = NULL, lease_until = NULL
            WHERE tenant_id = @tenantId AND interaction_id = @interactionId AND status <> 'pending'
            """, new { tenantId, interactionId, now = time.GetUtcNow().ToUnixMs() }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Puts a Salesforce user's jobs that failed for want of their session (<see cref="WriteBackErrorCodes"/>) back to
    /// pending, due now: called once the canvas app stored a fresh session for that user. Their interactions carry the user
    /// as <c>salesforce:&lt;id&gt;</c> (canvas sessions) or as the bare id (integrations). Returns the jobs' interaction ids.
    /// </summary>
    public async Task<IReadOnlyList<string>> ResetForSalesforceUserAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<string>(new CommandDefinition(
            """
            UPDATE coaching_writebacks SET status = 'pending', attempts = 0, last_error = NULL, error_code = NULL, updated_at = @now,
                not_before = NULL, claimed_by = NULL, lease_until = NULL
            WHERE tenant_id = @tenantId AND crm = 'salesforce' AND status = 'failed' AND error_code IN (@revoked, @expired)
                AND interaction_id IN (SELECT id FROM coaching_interactions WHERE tenant_id = @tenantId AND rep_id IN (@prefixed, @userId))
            RETURNING interaction_id
            """,
            new
            {
                tenantId, userId, prefixed = $"salesforce:{userId}", revoked = WriteBackErrorCodes.AuthorizationRevoked,
                expired = WriteBackErrorCodes.SessionExpired, now = time.GetUtcNow().ToUnixMs(),
            },
            cancellationToken: cancellationToken));
        return [.. ids];
    }

    /// <summary>
    /// Takes one job for <paramref name="owner"/> until <paramref name="lease"/> from now, if it is pending, due and held by
    /// no one (or by a replica whose lease ran out). One conditional UPDATE: of replicas racing for the same job, exactly one
    /// gets it (PostgreSQL re-checks the condition on the row the winner committed; SQLite has a single writer).
    /// </summary>
    public async Task<WriteBackJob?> ClaimAsync(string tenantId, string interactionId, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        int claimed;
        using (await database.EnterWriteAsync(cancellationToken))
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            claimed = await connection.ExecuteAsync(new CommandDefinition(
                $"""
                UPDATE coaching_writebacks SET claimed_by = @owner, lease_until = @until
                WHERE tenant_id = @tenantId AND interaction_id = @interactionId AND {Due}
                """,
                new { tenantId, interactionId, owner, now = now.ToUnixMs(), until = (now + lease).ToUnixMs() }, cancellationToken: cancellationToken));
        }

        return claimed > 0 ? await GetAsync(tenantId, interactionId, cancellationToken) : null;
    }

    /// <summary>
    /// Takes the oldest job that is due and held by no one, of any tenant: how a replica finds work left by one that died,
    /// retries another one scheduled, and jobs pending at start. PostgreSQL skips rows other replicas are locking at that
    /// moment (<c>FOR UPDATE SKIP LOCKED</c>), so replicas polling together take different jobs instead of queueing on one.
    /// </summary>
    public async Task<WriteBackJob?> ClaimNextDueAsync(string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var skipLocked = database.IsPostgres ? " FOR UPDATE SKIP LOCKED" : "";
        (string TenantId, string InteractionId)? claimed;
        using (await database.EnterWriteAsync(cancellationToken))
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            claimed = await connection.QuerySingleOrDefaultAsync<(string, string)?>(new CommandDefinition(
                $"""
                UPDATE coaching_writebacks SET claimed_by = @owner, lease_until = @until
                WHERE (tenant_id, interaction_id) = (
                    SELECT tenant_id, interaction_id FROM coaching_writebacks WHERE {Due} ORDER BY updated_at LIMIT 1{skipLocked})
                    AND {Due}
                RETURNING tenant_id, interaction_id
                """,
                new { owner, now = now.ToUnixMs(), until = (now + lease).ToUnixMs() }, cancellationToken: cancellationToken));
        }

        // Read back as a whole once it is this replica's (SQLite types RETURNING's null columns as blobs).
        return claimed is var (tenantId, interactionId) ? await GetAsync(tenantId, interactionId, cancellationToken) : null;
    }

    /// <summary>Extends <paramref name="owner"/>'s hold on a job it is running; false when the job is no longer its own.</summary>
    public async Task<bool> RenewAsync(string tenantId, string interactionId, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE coaching_writebacks SET lease_until = @until
            WHERE tenant_id = @tenantId AND interaction_id = @interactionId AND claimed_by = @owner AND status = 'pending'
            """,
            new { tenantId, interactionId, owner, until = (time.GetUtcNow() + lease).ToUnixMs() }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>
    /// Records a run's outcome and lets go of the job; still pending with <paramref name="notBefore"/> for a retry;
    /// <paramref name="errorCode"/> is one of <see cref="WriteBackErrorCodes"/> or null. Only the
    /// owner's record counts: false (nothing written) when another replica took the job after this one's lease ran out.
    /// </summary>
    public async Task<bool> FinishAsync(
        string tenantId, string interactionId, string owner, string status, int attempts, string? lastError, string? noteId,
        DateTimeOffset? notBefore, string? errorCode, CancellationToken cancellationToken)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE coaching_writebacks SET status = @status, attempts = @attempts, last_error = @lastError, error_code = @errorCode,
                note_id = COALESCE(@noteId, note_id), updated_at = @now, not_before = @notBefore, claimed_by = NULL, lease_until = NULL
            WHERE tenant_id = @tenantId AND interaction_id = @interactionId AND claimed_by = @owner
            """,
            new
            {
                tenantId, interactionId, owner, status, attempts, lastError, errorCode, noteId, now = time.GetUtcNow().ToUnixMs(),
                notBefore = notBefore?.ToUnixMs(),
            },
            cancellationToken: cancellationToken)) > 0;
    }

    private sealed record JobRow(
        string TenantId, string InteractionId, string Crm, string RecordType, string RecordId,
        string Status, long Attempts, string? LastError, string? NoteId, long UpdatedAt, string? ErrorCode)
    {
        public WriteBackJob ToJob() =>
            new(TenantId, InteractionId, Crm, RecordType, RecordId, Status, (int)Attempts, LastError, NoteId, UnixTime.FromUnixMs(UpdatedAt), ErrorCode);
    }
}
