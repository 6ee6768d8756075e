using Dapper;
using Microsoft.Extensions.Options;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Privacy;

/// <summary>
/// One bounded retention pass over one tenant: interactions that ended before the cutoff, live ones abandoned before it
/// (created before it and nothing received since), and engagement events older than it, in batches of
/// <see cref="RetentionOptions.BatchSize"/>, each batch deleted whole in its own transaction, at most
/// <see cref="RetentionOptions.MaxBatchesPerPass"/> of them. A conversation in progress is never touched.
/// </summary>
internal sealed class RetentionPurge(
    SqlDatabase database, LiveInteractions live, AuditLog audit, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionPurge> logger)
{
    /// <summary>PostgreSQL: one replica purges a tenant at a time; another that finds the lock taken leaves the pass to it.</summary>
    private const long AdvisoryLockKey = 0x5a1e5c0a77L;

    public async Task<RetentionRunResponse> PurgeAsync(string tenantId, int retentionDays, string actor, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(retentionDays);
        var deleted = new DeletedRows();
        var more = true;
        for (var batch = 0; more && batch < settings.MaxBatchesPerPass; batch++)
        {
            if (batch > 0)
            {
                await Task.Delay(settings.Pause, time, cancellationToken);
            }

            (more, var wereLive) = await PurgeBatchAsync(tenantId, cutoff.ToUnixMs(), settings.BatchSize, deleted, cancellationToken);
            foreach (var id in wereLive)
            {
                await live.ForgetDeletedAsync(tenantId, id);
            }

            await InteractionDeletion.SweepAsync(database, tenantId, wereLive);
        }

        if (deleted.Total > 0)
        {
            await audit.RecordAsync(tenantId, actor, "privacy.retention_purged",
                $"retentionDays={retentionDays} cutoff={cutoff:O} {deleted.ToAuditDetail()}", CancellationToken.None);
            logger.LogInformation("Retention purged {Interactions} interactions of tenant {TenantId} older than {Days} days",
                deleted.Interactions, tenantId, retentionDays);
        }

        return new RetentionRunResponse(retentionDays, cutoff, deleted, more);
    }

    /// <returns>Whether a full batch was found (more may be left), and the ids that were still live.</returns>
    private async Task<(bool More, List<string> WereLive)> PurgeBatchAsync(
        string tenantId, long cutoff, int batchSize, DeletedRows deleted, CancellationToken cancellationToken)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (database.IsPostgres && !await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT pg_try_advisory_xact_lock(@key, hashtext(@tenantId))", new { key = (int)(AdvisoryLockKey & 0x7fffffff), tenantId }, transaction,
            cancellationToken: cancellationToken)))
        {
            return (false, []);
        }

        var args = new { tenantId, cutoff, limit = batchSize };
        var ended = (await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT id FROM coaching_interactions
            WHERE tenant_id = @tenantId AND status = 'completed' AND completed_at < @cutoff LIMIT @limit
            """, args, transaction, cancellationToken: cancellationToken))).AsList();
        List<string> abandoned = ended.Count == batchSize ? [] : (await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT i.id FROM coaching_interactions i
            WHERE i.tenant_id = @tenantId AND i.status = 'live' AND i.created_at < @cutoff
              AND NOT EXISTS (SELECT 1 FROM coaching_segments s
                              WHERE s.tenant_id = i.tenant_id AND s.interaction_id = i.id AND s.received_at >= @cutoff)
            LIMIT @limit
            """, args with { limit = batchSize - ended.Count }, transaction, cancellationToken: cancellationToken))).AsList();
        await InteractionDeletion.DeleteAsync(connection, transaction, database.IsPostgres, tenantId, [.. ended, .. abandoned], deleted, cancellationToken);

        // Engagement events older than the cutoff go too, batch by batch, unless they belong to an interaction still kept
        // (they go with it); those of the interactions above went with them.
        var events = await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM content_events WHERE tenant_id = @tenantId AND id IN (
                SELECT e.id FROM content_events e WHERE e.tenant_id = @tenantId AND e.at < @cutoff
                  AND NOT EXISTS (SELECT 1 FROM coaching_interactions i WHERE i.tenant_id = e.tenant_id AND i.id = e.interaction_id)
                LIMIT @limit)
            """, args, transaction, cancellationToken: cancellationToken));
        deleted.EngagementEvents += events;
        await transaction.CommitAsync(cancellationToken);
        return (ended.Count + abandoned.Count == batchSize || events == batchSize, abandoned);
    }
}
