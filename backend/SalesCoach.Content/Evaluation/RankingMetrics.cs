namespace SalesCoach.Content.Evaluation;

/// <summary>Graded ranking metrics over externalIds. A judgment of 2 or more counts as relevant for recall.</summary>
public static class RankingMetrics
{
    public const int RelevantGrade = 2;

    /// <summary>nDCG@k with gain 2^grade - 1 and log2 discount, against the ideal order of all judged items.</summary>
    public static double Ndcg(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judgments, int k)
    {
        var dcg = ranked.Take(k).Select((id, i) => Gain(judgments.GetValueOrDefault(id)) / Math.Log2(i + 2)).Sum();
        var ideal = judgments.Values.OrderDescending().Take(k).Select((g, i) => Gain(g) / Math.Log2(i + 2)).Sum();
        return ideal > 0 ? dcg / ideal : 0;
    }

    /// <summary>Share of the relevant items found in the top k; null when the query has no relevant item.</summary>
    public static double? Recall(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judgments, int k)
    {
        var relevant = judgments.Where(j => j.Value >= RelevantGrade).Select(j => j.Key).ToHashSet();
        return relevant.Count == 0 ? null : (double)ranked.Take(k).Count(relevant.Contains) / relevant.Count;
    }

    private static double Gain(int grade) => Math.Pow(2, grade) - 1;
}
