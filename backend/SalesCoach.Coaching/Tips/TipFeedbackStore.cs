using Dapper;
using SalesCoach.Storage.Database;

namespace SalesCoach.Coaching.Tips;

/// <summary>What a rep can say about a tip; the set the adapters send, nothing more.</summary>
public static class TipFeedbackTypes
{
    public const string Helpful = "helpful";
    public const string NotHelpful = "not_helpful";

    public static readonly IReadOnlyList<string> All = [Helpful, NotHelpful];
}

public enum TipFeedbackResult
{
    Recorded,
    NotFound,
}

/// <summary>
/// Helpful / not helpful votes on tips. One vote per rep and tip: a repeat (a double click, a client retry)
/// changes nothing, and a rep who changes their mind replaces their vote, so adoption counts each rep's view once.
/// </summary>
public sealed class TipFeedbackStore(SqlDatabase database, TimeProvider time)
{
    /// <param name="repId">Who voted; null means the interaction's own rep.</param>
    public async Task<TipFeedbackResult> RecordAsync(
        string tenantId, string interactionId, string tipId, string type, string? repId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var tip = await connection.QuerySingleOrDefaultAsync<TipOwner>(new CommandDefinition(
            """
            SELECT t.kind AS Kind, i.rep_id AS RepId FROM coaching_tips t
            JOIN coaching_interactions i ON i.tenant_id = t.tenant_id AND i.id = t.interaction_id
            WHERE t.tenant_id = @tenantId AND t.interaction_id = @interactionId AND t.id = @tipId
            """, new { tenantId, interactionId, tipId }, cancellationToken: cancellationToken));
        if (tip is null)
        {
            return TipFeedbackResult.NotFound;
        }

        // One statement: the vote is stored whole or not at all. The WHERE keeps a repeat from touching the row.
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO coaching_tip_feedback (tenant_id, interaction_id, tip_id, tip_kind, type, rep_id, at)
            VALUES (@tenantId, @interactionId, @tipId, @kind, @type, @repId, @at)
            ON CONFLICT (tenant_id, interaction_id, tip_id, rep_id)
            DO UPDATE SET type = excluded.type, at = excluded.at WHERE coaching_tip_feedback.type <> excluded.type
            """,
            new { tenantId, interactionId, tipId, kind = tip.Kind, type, repId = repId ?? tip.RepId, at = time.GetUtcNow().ToUnixMs() },
            cancellationToken: cancellationToken));
        return TipFeedbackResult.Recorded;
    }

    private sealed record TipOwner(string Kind, string RepId);
}
