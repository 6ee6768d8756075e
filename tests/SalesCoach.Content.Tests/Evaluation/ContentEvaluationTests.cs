using SalesCoach.Content.Evaluation;
using SalesCoach.Content.Ranking;
using SalesCoach.Storage.Database;

namespace SalesCoach.Content.Tests.Evaluation;

/// <summary>A guard on the dev split only (the test split is for the reported figures): the combined ranker must keep beating keyword search.</summary>
public sealed class ContentEvaluationTests
{
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task RunAsync_DevSplit_CombinedBeatsKeyword(StorageProvider provider)
    {
        await using var store = await ContentTestStore.CreateAsync(provider);
        var set = Path.Combine(AppContext.BaseDirectory, "EvaluationSet");

        var report = await ContentEvaluation.RunAsync(store.Database, set, 5, TestContext.Current.CancellationToken);

        var dev = report.Splits.Single(s => s.Split == "dev").Modes.ToDictionary(m => m.Mode);
        Assert.True(dev[RankingMode.Combined].Ndcg > dev[RankingMode.Keyword].Ndcg, $"combined {dev[RankingMode.Combined].Ndcg} vs keyword {dev[RankingMode.Keyword].Ndcg}");
        Assert.True(dev[RankingMode.Combined].Recall > dev[RankingMode.Keyword].Recall);
    }
}
