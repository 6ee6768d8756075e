using Dapper;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Encryption;

namespace SalesCoach.Coaching.Summaries;

/// <summary>
/// Completion (status + summary, one transaction) and the content engagement the summary reports. The summary body quotes
/// the transcript, so it is sealed at rest as a whole (see <see cref="TranscriptSealing"/>).
/// </summary>
public sealed class SummaryStore(SqlDatabase database, FieldProtector protector, TimeProvider time)
{
    /// <summary>Marks the interaction completed and stores its summary; false when another call completed it first.</summary>
    public async Task<bool> CompleteAsync(string tenantId, string interactionId, string summaryJson, CancellationToken cancellationToken = default)
    {
        var at = time.GetUtcNow().ToUnixMs();
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE coaching_interactions SET status = 'completed', completed_at = @at WHERE tenant_id = @tenantId AND id = @interactionId AND status = 'live'",
            new { tenantId, interactionId, at }, transaction, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO coaching_summaries (tenant_id, interaction_id, body, created_at) VALUES (@tenantId, @interactionId, @summaryJson, @at)
            ON CONFLICT (tenant_id, interaction_id) DO NOTHING
            """, new { tenantId, interactionId, summaryJson = protector.SealTranscript(summaryJson, tenantId), at }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<string?> ReadAsync(string tenantId, string interactionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var body = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT body FROM coaching_summaries WHERE tenant_id = @tenantId AND interaction_id = @interactionId",
            new { tenantId, interactionId }, cancellationToken: cancellationToken));
        return body is null ? null : protector.OpenTranscript(body, tenantId);
    }

    public async Task RecordContentEventAsync(
        string tenantId, string interactionId, string contentId, string type, string? repId, CancellationToken cancellationToken = default)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO coaching_content_events (tenant_id, interaction_id, content_id, type, rep_id, at)
            VALUES (@tenantId, @interactionId, @contentId, @type, @repId, @at)
            """, new { tenantId, interactionId, contentId, type, repId, at = time.GetUtcNow().ToUnixMs() }, cancellationToken: cancellationToken));
    }

    public async Task<List<(string ContentId, string Type)>> ReadContentEventsAsync(
        string tenantId, string interactionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string, string)>(new CommandDefinition(
            "SELECT content_id, type FROM coaching_content_events WHERE tenant_id = @tenantId AND interaction_id = @interactionId ORDER BY at",
            new { tenantId, interactionId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
