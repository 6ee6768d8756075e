using SalesCoach.Content.Evaluation;

namespace SalesCoach.Content.Tests.Evaluation;

public sealed class RankingMetricsTests
{
    private static readonly Dictionary<string, int> Judgments = new() { ["a"] = 3, ["b"] = 2, ["c"] = 1 };

    [Fact]
    public void Ndcg_IdealOrder_IsOne() => Assert.Equal(1.0, RankingMetrics.Ndcg(["a", "b", "c"], Judgments, 5), 9);

    [Fact]
    public void Ndcg_ReversedOrder_IsLowerButPositive()
    {
        var reversed = RankingMetrics.Ndcg(["c", "b", "a"], Judgments, 5);

        Assert.InRange(reversed, 0.01, 0.99);
    }

    [Fact]
    public void Recall_CountsOnlyGradeTwoAndAbove() => Assert.Equal(0.5, RankingMetrics.Recall(["a", "c", "x"], Judgments, 5));
}
