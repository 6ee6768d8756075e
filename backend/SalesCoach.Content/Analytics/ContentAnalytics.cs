using Dapper;
using SalesCoach.Storage.Database;

namespace SalesCoach.Content.Analytics;

public sealed record ContentPerformance(
    string ContentId, string? Title, string? Type, long Impressions, long Opens, long Shares, long Used, long Helpful, long NotHelpful,
    long DealsUsedIn, long DealsWonWhereUsed);

public static class DealOutcomes
{
    public static readonly IReadOnlyList<string> All = ["won", "lost", "open"];
}

/// <summary>
/// Per-item engagement over a period, and the deals it was used in. A "deal" is the CRM record a
/// `used` event names (its recordId); a deal counts as won when its outcome, reported to
/// <see cref="RecordDealOutcomeAsync"/> (by an admin, the CRM sync or the CLI), is "won".
/// </summary>
public sealed class ContentAnalytics(SqlDatabase database, TimeProvider time)
{
    public async Task<IReadOnlyList<ContentPerformance>> PerformanceAsync(
        string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PerformanceRow>(new CommandDefinition(
            """
            SELECT e.content_id AS ContentId, ci.title AS Title, ci.type AS Type,
                SUM(CASE WHEN e.type = 'impression' THEN 1 ELSE 0 END) AS Impressions,
                SUM(CASE WHEN e.type = 'open' THEN 1 ELSE 0 END) AS Opens,
                SUM(CASE WHEN e.type = 'share' THEN 1 ELSE 0 END) AS Shares,
                SUM(CASE WHEN e.type = 'used' THEN 1 ELSE 0 END) AS Used,
                SUM(CASE WHEN e.type = 'helpful' THEN 1 ELSE 0 END) AS Helpful,
                SUM(CASE WHEN e.type = 'not_helpful' THEN 1 ELSE 0 END) AS NotHelpful,
                COUNT(DISTINCT CASE WHEN e.type = 'used' THEN e.record_id END) AS DealsUsedIn,
                COUNT(DISTINCT CASE WHEN e.type = 'used' AND d.outcome = 'won' THEN e.record_id END) AS DealsWonWhereUsed
            FROM content_events e
            LEFT JOIN content_items ci ON ci.tenant_id = e.tenant_id AND ci.id = e.content_id
            LEFT JOIN deal_outcomes d ON d.tenant_id = e.tenant_id AND d.record_id = e.record_id
            WHERE e.tenant_id = @tenantId AND e.at >= @from AND e.at < @to
            GROUP BY e.content_id, ci.title, ci.type
            ORDER BY Used DESC, Impressions DESC, e.content_id
            """,
            new { tenantId, from = from.ToUnixMs(), to = to.ToUnixMs() }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ContentPerformance(r.ContentId, r.Title, r.Type, r.Impressions, r.Opens, r.Shares, r.Used, r.Helpful, r.NotHelpful, r.DealsUsedIn, r.DealsWonWhereUsed))];
    }

    public async Task RecordDealOutcomeAsync(string tenantId, string recordId, string outcome, DateTimeOffset? closedAt, CancellationToken cancellationToken = default)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO deal_outcomes (tenant_id, record_id, outcome, closed_at) VALUES (@tenantId, @recordId, @outcome, @at)
            ON CONFLICT (tenant_id, record_id) DO UPDATE SET outcome = excluded.outcome, closed_at = excluded.closed_at
            """,
            new { tenantId, recordId, outcome, at = (closedAt ?? time.GetUtcNow()).ToUnixMs() }, cancellationToken: cancellationToken));
    }

    /// <summary>Settable, so Dapper binds it even when SQLite reports no column types (an empty result).</summary>
    private sealed class PerformanceRow
    {
        public string ContentId { get; set; } = "";
        public string? Title { get; set; }
        public string? Type { get; set; }
        public long Impressions { get; set; }
        public long Opens { get; set; }
        public long Shares { get; set; }
        public long Used { get; set; }
        public long Helpful { get; set; }
        public long NotHelpful { get; set; }
        public long DealsUsedIn { get; set; }
        public long DealsWonWhereUsed { get; set; }
    }
}
