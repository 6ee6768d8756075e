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
    public async Task RunAsync_NewDataWithALabelTheServingModelLacks_TakesItOffItsRowsAndKeepsTheServingLabels()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await RegistryFixture.CreateAsync(StorageProvider.Sqlite);
        using var output = new TempDirectory();
        var pipeline = new RetrainingPipeline(fixture.Registry);
        var first = await pipeline.RunAsync(new RetrainRequest("", "signals", SyntheticData.Create(perLabel: 80, seed: 1), "sha-1", Options, output.File("v1")), cancellationToken: ct);
        Assert.True(first.Promoted, first.Reason);
        Assert.Equal(UnknownLabelsReport.None, first.UnknownLabels);

        // This quarter's data brings a label v1 never had, in the training rows and in the held-out rows alike.
        var data = SyntheticData.Create(perLabel: 80, seed: 6).Concat(Rows("security", SecurityCues, 60, seed: 7)).ToList();
        var cleaned = TrainingDataCleaner.Clean(data, multiLabel: false).Examples;
        var securityRows = cleaned.Count(e => e.Labels.Contains("security"));
        var second = await pipeline.RunAsync(new RetrainRequest("", "signals", data, "sha-2", Options, output.File("v2")), cancellationToken: ct);

        Assert.Equal(new Dictionary<string, int> { ["security"] = securityRows }, second.UnknownLabels.Labels);
        Assert.Equal(securityRows, second.UnknownLabels.RowsLeftOut);
        Assert.Equal(cleaned.Count - securityRows, second.TrainExamples + second.HoldoutExamples);
        // Both models are judged on v1's labels only, and the candidate serves exactly those.
        Assert.Equal(first.Candidate.Labels.Order(), second.Candidate.Labels.Order());
        Assert.DoesNotContain("security", second.IncumbentReport!.PerLabel.Keys);
        Assert.DoesNotContain("security", second.CandidateReport.PerLabel.Keys);
    }

    [Fact]
    public async Task RunAsync_NewDataWithoutOneOfTheServingLabels_RegistersTheCandidateButKeepsTheServingModel()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await RegistryFixture.CreateAsync(StorageProvider.Sqlite);
        using var output = new TempDirectory();
        var pipeline = new RetrainingPipeline(fixture.Registry);
        await pipeline.RunAsync(new RetrainRequest("", "signals", SyntheticData.Create(perLabel: 5, seed: 1), "sha-1", Options, output.File("v1")), cancellationToken: ct);

        // Far more data, but none of it timing: on the held-out rows (no timing either) the candidate scores higher,
        // and promoting it would stop timing being served.
        var noTiming = SyntheticData.Create(perLabel: 80, seed: 8).Where(e => e.Labels[0] != "timing").ToList();
        var second = await pipeline.RunAsync(new RetrainRequest("", "signals", noTiming, "sha-2", Options, output.File("v2")), cancellationToken: ct);

        Assert.True(second.CandidateReport.MacroF1 > second.IncumbentReport!.MacroF1, $"{second.CandidateReport.MacroF1} vs {second.IncumbentReport.MacroF1}");
        Assert.False(second.Promoted, second.Reason);
        Assert.Contains("lacks timing", second.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("timing", second.Candidate.Labels);
        Assert.False(second.Candidate.Active);
        Assert.Equal(1, (await fixture.Registry.ResolveAsync("", "signals", ct))!.Version);
    }

    [Fact]
    public async Task RunAsync_ServingModelMarksNegation_CandidateMarksItTooUnlessTold()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await RegistryFixture.CreateAsync(StorageProvider.Sqlite);
        using var output = new TempDirectory();
        var pipeline = new RetrainingPipeline(fixture.Registry);
        var negation = Options with { Featurizer = Options.Featurizer with { NegationScope = 6, NegationCharNgrams = true } };
        var first = await pipeline.RunAsync(new RetrainRequest("", "signals", SyntheticData.Create(perLabel: 20, seed: 1), "sha-1", negation, output.File("v1")), cancellationToken: ct);
        Assert.Equal(negation.Featurizer, Featurizer(first.Candidate));

        // A retrain with the plain options (what `model retrain` passes unless told otherwise) keeps v1's marking...
        var logged = new List<string>();
        var second = await pipeline.RunAsync(new RetrainRequest("", "signals", SyntheticData.Create(perLabel: 20, seed: 2), "sha-2", Options, output.File("v2")), logged.Add, ct);
        Assert.Equal(negation.Featurizer, Featurizer(second.Candidate));
        Assert.Equal(negation.Featurizer, ModelDirectory.LoadMetadata(output.File("v2")).Featurizer);
        Assert.Contains("negation scope marking as v1: 6 tokens", logged);
        // ...and one told to use its own options uses them.
        var third = await pipeline.RunAsync(new RetrainRequest("", "signals", SyntheticData.Create(perLabel: 20, seed: 3), "sha-3", Options, output.File("v3")) { NegationAsServing = false }, cancellationToken: ct);
        Assert.Equal(Options.Featurizer, Featurizer(third.Candidate));
    }

    private static FeaturizerOptions Featurizer(ModelVersion version) =>
        System.Text.Json.JsonSerializer.Deserialize<ModelMetadata>(version.ManifestJson, ModelDirectory.Json)!.Featurizer;

    [Fact]
    public void KnownLabelsOnly_MultiLabelRows_KeepTheKnownLabelsAndLeaveOutRowsWithNone()
    {
        HashSet<string> known = ["price", "none"];
        List<LabeledExample> data = [new("too expensive", ["price"]), new("too expensive and is it secure", ["price", "security"]), new("is it secure", ["security"])];
        List<LabeledExample> holdout = [new("soc 2 report", ["compliance"]), new("hello", ["none"])];

        var (kept, keptHoldout, report) = RetrainingPipeline.KnownLabelsOnly(data, holdout, known);

        Assert.Equal(["too expensive", "too expensive and is it secure"], kept.Select(e => e.Text));
        Assert.Equal(["price"], kept[1].Labels);
        Assert.Equal(["hello"], keptHoldout!.Select(e => e.Text));
        Assert.Equal(new Dictionary<string, int> { ["compliance"] = 1, ["security"] = 2 }, report.Labels);
        Assert.Equal(2, report.RowsLeftOut);
        Assert.Equal("compliance (1 rows), security (2 rows); 2 rows left out", report.ToString());
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

    private static readonly string[] SecurityCues = ["is our data safe", "security review first", "gdpr compliance", "encryption at rest", "pen test results"];

    private static IEnumerable<LabeledExample> Rows(string label, string[] cues, int count, int seed)
    {
        var random = new Random(seed);
        string[] fillers = ["honestly", "well", "so", "i think", "you know", "look"];
        for (var i = 0; i < count; i++)
        {
            yield return new LabeledExample($"{fillers[random.Next(fillers.Length)]} {cues[random.Next(cues.Length)]} {fillers[random.Next(fillers.Length)]}", [label]);
        }
    }
}
