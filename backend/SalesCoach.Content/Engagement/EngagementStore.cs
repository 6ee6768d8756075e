using Dapper;
using SalesCoach.Storage.Database;

namespace SalesCoach.Content.Engagement;

public static class EngagementTypes
{
    public const string Impression = "impression";
    public const string Open = "open";
    public const string Share = "share";
    public const string Used = "used";
    public const string Helpful = "helpful";
    public const string NotHelpful = "not_helpful";

    public static readonly IReadOnlyList<string> All = [Impression, Open, Share, Used, Helpful, NotHelpful];
}

public sealed record EngagementEvent(string Type, string? InteractionId, string? RepId, string? RecordId);

public sealed record EngagementStats(long Impressions, long Opens, long Shares, long Used, long Helpful, long NotHelpful)
{
    public static readonly EngagementStats None = new(0, 0, 0, 0, 0, 0);
}

/// <summary>
/// Engagement events (kept for analytics) and per-item running totals (read by the ranker), both
/// written in one transaction and always keyed by tenant, so one tenant's feedback never
/// reaches another's ranking.
/// </summary>
public sealed class EngagementStore(SqlDatabase database, TimeProvider time)
{
    public async Task<bool> RecordAsync(string tenantId, string contentId, EngagementEvent e, CancellationToken cancellationToken = default)
    {
        var column = e.Type switch
        {
            EngagementTypes.Impression => "impressions",
            EngagementTypes.Open => "opens",
            EngagementTypes.Share => "shares",
            EngagementTypes.Used => "used",
            EngagementTypes.Helpful => "helpful",
            EngagementTypes.NotHelpful => "not_helpful",
            _ => throw new ArgumentException($"Unknown engagement type '{e.Type}'.", nameof(e)),
        };
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM content_items WHERE tenant_id = @tenantId AND id = @contentId",
            new { tenantId, contentId }, transaction, cancellationToken: cancellationToken));
        if (exists == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO content_events (id, tenant_id, content_id, type, interaction_id, rep_id, record_id, at)
            VALUES (@id, @tenantId, @contentId, @Type, @InteractionId, @RepId, @RecordId, @at)
            """,
            new { id = Guid.NewGuid().ToString("N"), tenantId, contentId, e.Type, e.InteractionId, e.RepId, e.RecordId, at = time.GetUtcNow().ToUnixMs() },
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO content_stats (tenant_id, content_id, {column}) VALUES (@tenantId, @contentId, 1)
            ON CONFLICT (tenant_id, content_id) DO UPDATE SET {column} = content_stats.{column} + 1
            """,
            new { tenantId, contentId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyDictionary<string, EngagementStats>> StatsAsync(
        string tenantId, IReadOnlyCollection<string> contentIds, CancellationToken cancellationToken = default)
    {
        if (contentIds.Count == 0)
        {
            return new Dictionary<string, EngagementStats>();
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string ContentId, long Impressions, long Opens, long Shares, long Used, long Helpful, long NotHelpful)>(
            new CommandDefinition(
                // Dapper expands a list into (@ids1, @ids2, ...) for SQLite but passes a native array to Npgsql.
                "SELECT content_id, impressions, opens, shares, used, helpful, not_helpful FROM content_stats WHERE tenant_id = @tenantId AND " +
                (database.IsPostgres ? "content_id = ANY(@ids)" : "content_id IN @ids"),
                new { tenantId, ids = contentIds.ToArray() }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.ContentId, r => new EngagementStats(r.Impressions, r.Opens, r.Shares, r.Used, r.Helpful, r.NotHelpful));
    }
}
