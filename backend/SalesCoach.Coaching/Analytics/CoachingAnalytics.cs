using System.Text.Json;
using Dapper;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Summaries;
using SalesCoach.Coaching.Tips;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Encryption;

namespace SalesCoach.Coaching.Analytics;

/// <summary>
/// Rep metrics and tip adoption for one tenant and period, from the stored interactions, tips, votes and summaries.
/// Per-interaction metrics live only in the summary JSON, so those rows are streamed and folded here rather than in SQL
/// (and the body is sealed at rest, so SQL could not read it anyway).
/// </summary>
public sealed class CoachingAnalytics(SqlDatabase database, FieldProtector protector)
{
    private const string InPeriod = "i.tenant_id = @tenantId AND i.created_at >= @from AND i.created_at < @to";

    public async Task<IReadOnlyList<RepReport>> RepsAsync(string tenantId, AnalyticsPeriod period, CancellationToken cancellationToken = default)
    {
        var args = Args(tenantId, period);
        await using var connection = await database.OpenAsync(cancellationToken);
        var counts = await connection.QueryAsync<(string RepId, long Interactions, long Completed)>(new CommandDefinition(
            $"""
            SELECT i.rep_id, COUNT(*), SUM(CASE WHEN i.status = 'completed' THEN 1 ELSE 0 END)
            FROM coaching_interactions i WHERE {InPeriod} GROUP BY i.rep_id
            """, args, cancellationToken: cancellationToken));
        var shown = (await connection.QueryAsync<(string RepId, long Count)>(new CommandDefinition(
            $"""
            SELECT i.rep_id, COUNT(*) FROM coaching_tips t
            JOIN coaching_interactions i ON i.tenant_id = t.tenant_id AND i.id = t.interaction_id
            WHERE t.tenant_id = @tenantId AND {InPeriod} GROUP BY i.rep_id
            """, args, cancellationToken: cancellationToken))).ToDictionary(r => r.RepId, r => r.Count);
        var votes = (await connection.QueryAsync<(string RepId, string Type, long Count)>(new CommandDefinition(
            $"""
            SELECT i.rep_id, f.type, COUNT(*) FROM coaching_tip_feedback f
            JOIN coaching_interactions i ON i.tenant_id = f.tenant_id AND i.id = f.interaction_id
            WHERE f.tenant_id = @tenantId AND {InPeriod} GROUP BY i.rep_id, f.type
            """, args, cancellationToken: cancellationToken))).ToDictionary(r => (r.RepId, r.Type), r => r.Count);

        var conversations = new Dictionary<string, ConversationTotals>(StringComparer.Ordinal);
        var summaries = connection.QueryUnbufferedAsync<(string RepId, string Body)>(
            $"""
            SELECT i.rep_id, s.body FROM coaching_summaries s
            JOIN coaching_interactions i ON i.tenant_id = s.tenant_id AND i.id = s.interaction_id
            WHERE s.tenant_id = @tenantId AND {InPeriod}
            """, args);
        await foreach (var (repId, body) in summaries.WithCancellation(cancellationToken))
        {
            if (JsonSerializer.Deserialize<InteractionSummary>(protector.OpenTranscript(body, tenantId), CoachingJson.Options) is not { } summary)
            {
                continue;
            }

            if (!conversations.TryGetValue(repId, out var totals))
            {
                conversations[repId] = totals = new ConversationTotals();
            }

            totals.Add(summary);
        }

        return counts.OrderBy(c => c.RepId, StringComparer.Ordinal).Select(c =>
        {
            var totals = conversations.GetValueOrDefault(c.RepId);
            return new RepReport(c.RepId, c.Interactions, c.Completed,
                totals?.TalkShare, totals?.MonologueMs, totals?.Questions, totals?.FillersPerMinute,
                shown.GetValueOrDefault(c.RepId),
                votes.GetValueOrDefault((c.RepId, TipFeedbackTypes.Helpful)),
                votes.GetValueOrDefault((c.RepId, TipFeedbackTypes.NotHelpful)),
                totals?.NoNextStep);
        }).ToList();
    }

    public async Task<AdoptionReport> AdoptionAsync(string tenantId, AnalyticsPeriod period, CancellationToken cancellationToken = default)
    {
        var args = Args(tenantId, period);
        await using var connection = await database.OpenAsync(cancellationToken);
        var shown = await connection.QueryAsync<(string Kind, long Shown, long Interactions)>(new CommandDefinition(
            $"""
            SELECT t.kind, COUNT(*), COUNT(DISTINCT t.interaction_id) FROM coaching_tips t
            JOIN coaching_interactions i ON i.tenant_id = t.tenant_id AND i.id = t.interaction_id
            WHERE t.tenant_id = @tenantId AND {InPeriod} GROUP BY t.kind
            """, args, cancellationToken: cancellationToken));
        var votes = (await connection.QueryAsync<(string Kind, string Type, long Count, long Interactions)>(new CommandDefinition(
            $"""
            SELECT f.tip_kind, f.type, COUNT(*), COUNT(DISTINCT f.interaction_id) FROM coaching_tip_feedback f
            JOIN coaching_interactions i ON i.tenant_id = f.tenant_id AND i.id = f.interaction_id
            WHERE f.tenant_id = @tenantId AND {InPeriod} GROUP BY f.tip_kind, f.type
            """, args, cancellationToken: cancellationToken))).ToDictionary(r => (r.Kind, r.Type));
        var interactions = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM coaching_interactions i WHERE {InPeriod}", args, cancellationToken: cancellationToken));
        var withHelpful = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"""
            SELECT COUNT(DISTINCT f.interaction_id) FROM coaching_tip_feedback f
            JOIN coaching_interactions i ON i.tenant_id = f.tenant_id AND i.id = f.interaction_id
            WHERE f.tenant_id = @tenantId AND f.type = 'helpful' AND {InPeriod}
            """, args, cancellationToken: cancellationToken));

        var kinds = shown.OrderBy(s => s.Kind, StringComparer.Ordinal).Select(s =>
        {
            var helpful = votes.GetValueOrDefault((s.Kind, TipFeedbackTypes.Helpful));
            var notHelpful = votes.GetValueOrDefault((s.Kind, TipFeedbackTypes.NotHelpful));
            return new TipKindAdoption(s.Kind, s.Interactions, s.Shown, helpful.Count, notHelpful.Count,
                Rate(helpful.Count, notHelpful.Count), helpful.Interactions);
        }).ToList();
        long allHelpful = kinds.Sum(k => k.Helpful), allNotHelpful = kinds.Sum(k => k.NotHelpful);
        return new AdoptionReport(kinds, new AdoptionTotals(
            interactions, kinds.Sum(k => k.Shown), allHelpful, allNotHelpful, Rate(allHelpful, allNotHelpful), withHelpful));
    }

    private static double? Rate(long helpful, long notHelpful) =>
        helpful + notHelpful == 0 ? null : (double)helpful / (helpful + notHelpful);

    private static object Args(string tenantId, AnalyticsPeriod period) =>
        new { tenantId, from = period.From.ToUnixMs(), to = period.To.ToUnixMs() };

    /// <summary>Running sums, so a long period costs memory per rep, not per interaction.</summary>
    private sealed class ConversationTotals
    {
        private long _count;
        private double _talkShare, _monologueMs, _questions, _fillersPerMinute, _noNextStep;

        public void Add(InteractionSummary summary)
        {
            _count++;
            _talkShare += summary.Metrics.TalkShare.Rep;
            _monologueMs += summary.Metrics.LongestMonologue.Ms;
            _questions += summary.Metrics.Questions.Rep;
            _fillersPerMinute += summary.Metrics.FillerWordsPerMinute.Rep;
            _noNextStep += summary.NextSteps.Count == 0 ? 1 : 0;
        }

        public double? TalkShare => Mean(_talkShare);
        public double? MonologueMs => Mean(_monologueMs);
        public double? Questions => Mean(_questions);
        public double? FillersPerMinute => Mean(_fillersPerMinute);
        public double? NoNextStep => Mean(_noNextStep);

        private double? Mean(double sum) => _count == 0 ? null : sum / _count;
    }
}
