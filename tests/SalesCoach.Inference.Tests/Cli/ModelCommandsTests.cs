using SalesCoach.Cli;
using SalesCoach.Inference.Models;
using SalesCoach.Inference.Featurization;
using SalesCoach.Inference.Registry;
using SalesCoach.Inference.Training;
using SalesCoach.Storage.Database;

namespace SalesCoach.Inference.Tests.Cli;

/// <summary>The registry commands as scripts call them, run in-process against a SQLite folder given by --data-dir.</summary>
public sealed class ModelCommandsTests
{
    [Fact]
    public async Task RegisterActivateRollback_ThroughCli_ChangesTheRegistry()
    {
        using var data = new TempDirectory();
        using var modelDir = new TempDirectory();
        ModelDirectory.Save(modelDir.Path, new TrainedModel(
            RandomModels.Classifier(1, OutputActivation.Softmax, buckets: 256, labels: 3),
            new ModelMetadata
            {
                Labels = ["a", "b", "c"],
                Languages = ["en"],
                TrainingDataSha256 = "abc",
                DevMetrics = new() { ["accuracy"] = 0.91 },
                Featurizer = new FeaturizerOptions { Buckets = 256 },
            }));

        Assert.Equal(0, await Cli("model", "register", "--model", modelDir.Path, "--name", "signals", "--data-dir", data.Path));
        Assert.Equal(0, await Cli("model", "register", "--model", modelDir.Path, "--name", "signals", "--activate", "--data-dir", data.Path));
        Assert.Equal(0, await Cli("model", "activate", "--name", "signals", "--version", "1", "--data-dir", data.Path));
        var list = CliRunner.Run("model", "list", "--data-dir", data.Path);
        Assert.Equal(0, list.ExitCode);
        Assert.Matches(@"global\s+signals\s+1\s+\*", list.Output);

        await using var database = SqlDatabase.Create(new StorageOptions { Provider = StorageProvider.Sqlite, DataDirectory = data.Path });
        var registry = new ModelRegistry(database, TimeProvider.System);
        Assert.Equal(1, (await registry.ResolveAsync("", "signals", TestContext.Current.CancellationToken))!.Version);
        Assert.Equal(0, await Cli("model", "rollback", "--name", "signals", "--data-dir", data.Path));
        var active = (await registry.ResolveAsync("", "signals", TestContext.Current.CancellationToken))!;
        Assert.Equal(2, active.Version);
        Assert.Equal(["a", "b", "c"], active.Labels);
        Assert.Equal("abc", active.TrainingDataHash);
        Assert.Contains("0.91", active.MetricsJson, StringComparison.Ordinal);
        Assert.Contains("featurizer", active.ManifestJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activate_UnknownVersion_ExitsWithOne()
    {
        using var data = new TempDirectory();

        var activate = CliRunner.Run("model", "activate", "--name", "signals", "--version", "9", "--data-dir", data.Path);
        Assert.Equal(1, activate.ExitCode);
        Assert.Contains("has no version 9", activate.Error, StringComparison.Ordinal);
        Assert.Equal(1, await Cli("model", "register", "--model", data.Path, "--name", "signals", "--data-dir", data.Path));
    }

    private static Task<int> Cli(params string[] args) => CliRoot.Create().Parse(args).InvokeAsync();
}
