using System.Buffers;
using System.Globalization;
using SalesCoach.Content.Engagement;
using SalesCoach.Content.Search;
using SalesCoach.Storage.Texts;

namespace SalesCoach.Content.Ranking;

/// <summary>
/// Picks content for a record and a conversation. Keyword (store full-text) and semantic
/// (in-process embeddings) scores are added to boosts for record context, conversation signals,
/// language and the tenant's own engagement; each boost that applies becomes a reason, written in the
/// query's language (English when it has none or one we do not write).
/// </summary>
public sealed class ContentRanker(LibraryIndexCache cache, FullTextIndex fullText, EngagementStore engagement, RankingWeights? weights = null)
{
    private const int MaxTerms = 16;
    private const int MaxTurns = 20;
    private const int KeywordCandidates = 100;

    private readonly RankingWeights _w = weights ?? RankingWeights.Default;

    public async Task<IReadOnlyList<Recommendation>> RankAsync(string tenantId, RecommendationQuery query, CancellationToken cancellationToken = default)
    {
        var snapshot = await cache.GetAsync(tenantId, cancellationToken);
        if (snapshot.Items.Length == 0)
        {
            return [];
        }

        var language = query.Language ?? "en";
        var text = RankingContext.QueryText(query, MaxTurns);
        var keyword = new Dictionary<int, double>();
        if (query.Mode != RankingMode.Semantic)
        {
            var terms = QueryTerms.From(text, language, MaxTerms, snapshot.Model.DocumentFrequency, Math.Max(50, snapshot.Items.Length / 100));
            var hits = await fullText.SearchAsync(tenantId, terms, language, KeywordCandidates, cancellationToken);
            var best = hits.Count > 0 ? Math.Max(hits[0].Score, 1e-9) : 1;
            foreach (var hit in hits)
            {
                if (snapshot.IndexOf(hit.Id) is { } index)
                {
                    keyword[index] = hit.Score / best;
                }
            }
        }

        var semantic = query.Mode == RankingMode.Keyword ? null : SemanticScores(snapshot, text, language);
        var context = new RankingContext(query, snapshot);
        var candidates = query.Mode switch
        {
            RankingMode.Keyword => Top(keyword.Keys, i => keyword[i], query.Limit),
            RankingMode.Semantic => Top(Enumerable.Range(0, snapshot.Items.Length), i => semantic![i], query.Limit),
            _ => TopOfFirstPass(snapshot, context, keyword, semantic!, (query.Limit * 4) + 20),
        };
        if (query.Mode != RankingMode.Combined)
        {
            var plain = candidates.Select(i => ToRecommendation(snapshot.Items[i], query.Mode == RankingMode.Keyword ? keyword[i] : semantic![i], [])).ToList();
            Return(semantic);
            return plain;
        }

        var stats = await engagement.StatsAsync(tenantId, [.. candidates.Select(i => snapshot.Items[i].Id)], cancellationToken);
        var texts = ReasonTexts.For(query.Language);
        var ranked = new List<Recommendation>(candidates.Count);
        foreach (var i in candidates)
        {
            var reasons = new List<PendingReason>();
            var score = Score(i, snapshot, context, keyword, semantic!, reasons);
            var itemStats = stats.GetValueOrDefault(snapshot.Items[i].Id, EngagementStats.None);
            score += _w.Engagement * EngagementPrior.Adjustment(itemStats);
            if (EngagementReason(itemStats) is { } engaged)
            {
                reasons.Add(engaged);
            }

            ranked.Add(ToRecommendation(snapshot.Items[i], score, [.. reasons.OrderByDescending(r => r.Weight).Select(texts.Write)]));
        }

        Return(semantic);

        return [.. ranked.OrderByDescending(r => r.Score).ThenBy(r => r.ContentId, StringComparer.Ordinal).Take(query.Limit)];
    }

    /// <summary>The language <see cref="RankAsync"/> writes reasons in for a query language: itself when we write it, else English.</summary>
    public static string ReasonsLanguage(string? language) => ReasonTexts.For(language).Language;

    private List<int> TopOfFirstPass(LibrarySnapshot snapshot, RankingContext context, Dictionary<int, double> keyword, float[] semantic, int count)
    {
        var scores = FirstPassScores.Compute(snapshot, context, _w, keyword, semantic);
        var top = Top(Enumerable.Range(0, snapshot.Items.Length), i => scores[i], count);
        ArrayPool<double>.Shared.Return(scores);
        return top;
    }

    /// <summary>Per-query arrays as long as the library come from the pool: fresh ones would land on the large object heap and trigger full collections.</summary>
    private static void Return(float[]? semantic)
    {
        if (semantic is not null)
        {
            ArrayPool<float>.Shared.Return(semantic);
        }
    }

    private static float[] SemanticScores(LibrarySnapshot snapshot, string text, string language)
    {
        Span<float> vector = stackalloc float[SemanticModel.Dimensions];
        snapshot.Model.Embed(ConceptLexicon.Expand(TextAnalyzer.Tokens(text, language)), vector);
        var scores = ArrayPool<float>.Shared.Rent(snapshot.Items.Length);
        for (var i = 0; i < snapshot.Items.Length; i++)
        {
            scores[i] = System.Numerics.Tensors.TensorPrimitives.Dot(snapshot.Embedding(i), vector);
        }

        return scores;
    }

    private double Score(int i, LibrarySnapshot snapshot, RankingContext c, Dictionary<int, double> keyword, float[] semantic, List<PendingReason>? reasons)
    {
        var item = snapshot.Items[i];
        var score = (_w.Keyword * keyword.GetValueOrDefault(i)) + (_w.Semantic * Math.Max(0, semantic[i]));
        score += ContextBoosts.Apply(item, c, _w, reasons);
        if (reasons is not null && keyword.GetValueOrDefault(i) >= 0.5)
        {
            reasons.Add(new(0.05, ReasonCodes.TextMatch));
        }

        return score;
    }

    private static PendingReason? EngagementReason(EngagementStats s) => s switch
    {
        { Used: > 0 } when s.Used >= s.NotHelpful => new(0.1, ReasonCodes.UsedByTeam, "count", s.Used.ToString(CultureInfo.InvariantCulture)),
        { Helpful: > 0 } when s.Helpful > s.NotHelpful => new(0.1, ReasonCodes.RatedHelpful, "count", s.Helpful.ToString(CultureInfo.InvariantCulture)),
        _ => null,
    };

    private static List<int> Top(IEnumerable<int> indexes, Func<int, double> score, int count)
    {
        // A bounded min-heap keeps the best `count` without sorting the whole library.
        var heap = new PriorityQueue<int, (double Score, int Index)>(Comparer<(double Score, int Index)>.Create(
            (a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.Index.CompareTo(a.Index)));
        foreach (var i in indexes)
        {
            var s = score(i);
            if (heap.Count < count)
            {
                heap.Enqueue(i, (s, i));
            }
            else if (heap.TryPeek(out _, out var worst) && (s > worst.Score || (s == worst.Score && i < worst.Index)))
            {
                heap.DequeueEnqueue(i, (s, i));
            }
        }

        var result = new List<(int Index, double Score)>(heap.Count);
        while (heap.TryDequeue(out var index, out var priority))
        {
            result.Add((index, priority.Score));
        }

        result.Reverse();
        return [.. result.Select(r => r.Index)];
    }

    private static Recommendation ToRecommendation(IndexedItem item, double score, IReadOnlyList<LocalizedText> reasons) =>
        new(item.Id, item.Title, item.Type, item.Url, Math.Round(score, 4), reasons);
}
