using SalesCoach.Inference.Data;
using SalesCoach.Inference.Featurization;
using SalesCoach.Inference.Registry;
using SalesCoach.Inference.Tests.Training;
using SalesCoach.Inference.Training;
using SalesCoach.Storage.Database;

namespace SalesCoach.Inference.Tests.Registry;

public sealed class RetrainingPipelineTests
{
    private static readonly TrainerOptions Options = new()
    {
        Featurizer = new FeaturizerOptions { Buckets = 4096 },
        Dim = 16,
        MaxEpochs = 8,
        Seed = 3,
    };

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task RunAsync_GoodThenWorseData_PromotesFirstAndKeepsItAfterwards(StorageProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await RegistryFixture.CreateAsync(provider);
        using var output = new TempDirectory();
        var pipeline = new RetrainingPipeline(fixture.Registry);
        var clean = SyntheticData.Create(perLabel: 80, seed: 1);

        var first = await pipeline.RunAsync(new RetrainRequest("", "signals", clean, "sha-clean", Options, output.File("v1")), cancellationToken: ct);

        Assert.True(first.Promoted, first.Reason);
        Assert.Null(first.Incumbent);
        Assert.True(first.HoldoutExamples > 0 && first.TrainExamples > first.HoldoutExamples);
        Assert.True(first.CandidateReport.Accuracy > 0.8, $"held-out accuracy {first.CandidateReport.Accuracy}");
        Assert.Equal(1, (await fixture.Registry.ResolveAsync("", "signals", ct))!.Version);

        // Same texts with labels rotated: a worse model, judged on a clean held-out file.
        var labels = new[] { "price", "competitor", "timing", "none" };
        var corrupted = clean.Select((e, i) => i % 5 == 0 ? e : new LabeledExample(e.Text, [labels[(Array.IndexOf(labels, e.Labels[0]) + 1) % 4]])).ToList();
        var holdout = SyntheticData.Create(perLabel: 30, seed: 2);
        var second = await pipeline.RunAsync(new RetrainRequest("", "signals", corrupted, "sha-corrupted", Options, output.File("v2")) { Holdout = holdout }, cancellationToken: ct);

        Assert.False(second.Promoted, second.Reason);
        Assert.Equal(1, second.Incumbent!.Version);
        Assert.True(second.IncumbentReport!.MacroF1 > second.CandidateReport.MacroF1);
        Assert.Equal(2, second.Candidate.Version);
        Assert.False(second.Candidate.Active);
        Assert.Equal(1, (await fixture.Registry.ResolveAsync("", "signals", ct))!.Version);
        Assert.Contains("holdoutMacroF1", second.Candidate.MetricsJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_SameTextsInAnyOrder_HoldsOutTheSameRows()
    {
        var rows = TrainingDataCleaner.Clean(SyntheticData.Create(perLabel: 100, seed: 4), multiLabel: false).Examples;
        var shuffled = rows.ToArray();
        new Random(9).Shuffle(shuffled);

        var first = RetrainingPipeline.Split(rows, 0.2).Holdout.Select(e => e.Text).ToHashSet();
        var second = RetrainingPipeline.Split([.. shuffled], 0.2).Holdout.Select(e => e.Text).ToHashSet();

        Assert.True(first.SetEquals(second));
        Assert.InRange(first.Count, rows.Count / 10, rows.Count * 3 / 10);
    }

    [Fact]
    public void Clean_MessyRows_DropsEmptyDuplicateAndConflictingRows()
    {
        LabeledExample[] rows =
        [
            new("  too   expensive ", ["price"]),
            new("too expensive", ["price"]),
            new("", ["price"]),
            new("   ", ["none"]),
            new("call me later", ["timing"]),
            new("call me later", ["none"]),
            new(new string('x', TrainingDataCleaner.MaxTextLength + 1), ["none"]),
            new("we use acme", ["competitor"]),
        ];

        var (kept, report) = TrainingDataCleaner.Clean(rows, multiLabel: false);

        Assert.Equal(["too expensive", "we use acme"], kept.Select(e => e.Text));
        Assert.Equal(new DataCleaningReport(8, 2, 2, 1, 1, 2), report);
    }
}
