using System.Text.Json;
using SalesCoach.Cli;
using SalesCoach.Inference.Models;
using SalesCoach.Inference.Onnx;
using SalesCoach.Inference.Registry;
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
        await File.WriteAllBytesAsync(modelDir.File(ModelDirectory.OnnxFileName), EmbeddingBagOnnxExporter.Export(RandomModels.Classifier(1, OutputActivation.Softmax, labels: 3)), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(modelDir.File(ModelDirectory.ManifestFileName), JsonSerializer.Serialize(new
        {
            labels = new[] { "a", "b", "c" },
            languages = new[] { "en" },
            trainingDataHash = "sha256:abc",
            metrics = new { accuracy = 0.91 },
            featurizer = new { buckets = 997 },
        }), TestContext.Current.CancellationToken);

        Assert.Equal(0, await Cli("model", "register", "--model", modelDir.Path, "--name", "signals", "--data-dir", data.Path));
        Assert.Equal(0, await Cli("model", "register", "--model", modelDir.Path, "--name", "signals", "--activate", "--data-dir", data.Path));
        Assert.Equal(0, await Cli("model", "activate", "--name", "signals", "--version", "1", "--data-dir", data.Path));
        Assert.Equal(0, await Cli("model", "list", "--data-dir", data.Path));

        await using var database = SqlDatabase.Create(new StorageOptions { Provider = StorageProvider.Sqlite, DataDirectory = data.Path });
        var registry = new ModelRegistry(database, TimeProvider.System);
        Assert.Equal(1, (await registry.ResolveAsync("", "signals", TestContext.Current.CancellationToken))!.Version);
        Assert.Equal(0, await Cli("model", "rollback", "--name", "signals", "--data-dir", data.Path));
        var active = (await registry.ResolveAsync("", "signals", TestContext.Current.CancellationToken))!;
        Assert.Equal(2, active.Version);
        Assert.Equal(["a", "b", "c"], active.Labels);
        Assert.Contains("featurizer", active.ManifestJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activate_UnknownVersion_ExitsWithOne()
    {
        using var data = new TempDirectory();

        Assert.Equal(1, await Cli("model", "activate", "--name", "signals", "--version", "9", "--data-dir", data.Path));
        Assert.Equal(1, await Cli("model", "register", "--model", data.Path, "--name", "signals", "--data-dir", data.Path));
    }

    private static Task<int> Cli(params string[] args) => CliRoot.Create().Parse(args).InvokeAsync();
}
