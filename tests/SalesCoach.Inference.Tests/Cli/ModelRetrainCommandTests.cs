using System.Text.Json;
using SalesCoach.Inference.Data;
using SalesCoach.Inference.Tests.Training;

namespace SalesCoach.Inference.Tests.Cli;

/// <summary>`model retrain` as scripts call it, against a real SQLite registry: promote when better, keep the active model when not.</summary>
public class ModelRetrainCommandTests
{
    private static void WriteCsv(string path, IEnumerable<LabeledExample> rows) => File.WriteAllLines(path,
        ["text,label", .. rows.Select(r => $"\"{r.Text}\",{string.Join('|', r.Labels)}")]);

    private static JsonElement Retrain(TempDirectory store, string data, int expectedExitCode)
    {
        var result = CliRunner.Run("model", "retrain", "--name", "signals", "--data", data, "--text", "text", "--label", "label",
            "--metric", "Accuracy", "--json", "--data-dir", store.Path);
        Assert.True(result.ExitCode == expectedExitCode, $"exit {result.ExitCode}: {result.Error}");
        return JsonDocument.Parse(result.Output).RootElement;
    }

    [Fact]
    public void Retrain_FirstThenEqualThenBetter_PromotesOnlyWhenBetter()
    {
        using var store = new TempDirectory();
        using var files = new TempDirectory();
        var small = SyntheticData.Create(5, seed: 4);
        WriteCsv(files.File("small.csv"), small.Concat(small.Take(6)));   // repeated rows to clean away

        var first = Retrain(store, files.File("small.csv"), expectedExitCode: 0);
        Assert.True(first.GetProperty("promoted").GetBoolean());
        Assert.Equal(1, first.GetProperty("candidate").GetProperty("version").GetInt32());
        Assert.True(first.GetProperty("cleaning").GetProperty("Duplicates").GetInt32() >= 6);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("incumbent").ValueKind);

        // Same data, same seed: the candidate only ties with the active model, so it is not promoted.
        var same = Retrain(store, files.File("small.csv"), expectedExitCode: 2);
        Assert.False(same.GetProperty("promoted").GetBoolean());
        Assert.Equal(1, same.GetProperty("incumbent").GetProperty("version").GetInt32());
        Assert.Equal(same.GetProperty("incumbent").GetProperty("accuracy").GetDouble(), same.GetProperty("candidate").GetProperty("accuracy").GetDouble());

        // Twelve times the data: the candidate (version 3; version 2 was registered, not activated) beats version 1.
        WriteCsv(files.File("large.csv"), SyntheticData.Create(60, seed: 4));
        var better = Retrain(store, files.File("large.csv"), expectedExitCode: 0);
        Assert.True(better.GetProperty("candidate").GetProperty("accuracy").GetDouble() > better.GetProperty("incumbent").GetProperty("accuracy").GetDouble());
        Assert.True(better.GetProperty("promoted").GetBoolean());
        Assert.Equal(3, better.GetProperty("candidate").GetProperty("version").GetInt32());
    }

    [Fact]
    public void Retrain_RowsWithALabelTheServingModelLacks_ReportsThemAndLeavesThemOut()
    {
        using var store = new TempDirectory();
        using var files = new TempDirectory();
        WriteCsv(files.File("first.csv"), SyntheticData.Create(20, seed: 4));
        Retrain(store, files.File("first.csv"), expectedExitCode: 0);

        string[] security = ["security review first", "is our data safe", "gdpr compliance please"];
        WriteCsv(files.File("next.csv"), SyntheticData.Create(20, seed: 5).Concat(security.Select(t => new LabeledExample(t, ["security"]))));
        var next = CliRunner.Run("model", "retrain", "--name", "signals", "--data", files.File("next.csv"), "--text", "text", "--label", "label",
            "--metric", "Accuracy", "--json", "--data-dir", store.Path);

        Assert.True(next.ExitCode is 0 or 2, $"exit {next.ExitCode}: {next.Error}");
        var unknown = JsonDocument.Parse(next.Output).RootElement.GetProperty("unknownLabels");
        Assert.Equal(3, unknown.GetProperty("labels").GetProperty("security").GetInt32());
        Assert.Equal(3, unknown.GetProperty("rowsLeftOut").GetInt32());
        Assert.Contains("security (3 rows); 3 rows left out", next.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Retrain_NegationScope_AsTheServingModelUnlessGiven()
    {
        using var store = new TempDirectory();
        using var files = new TempDirectory();
        WriteCsv(files.File("data.csv"), SyntheticData.Create(20, seed: 4));
        int NegationScope(params string[] extra)
        {
            var result = CliRunner.Run(["model", "retrain", "--name", "signals", "--data", files.File("data.csv"), "--text", "text", "--label", "label", "--json", "--data-dir", store.Path, .. extra]);
            Assert.True(result.ExitCode is 0 or 2, $"exit {result.ExitCode}: {result.Error}");
            var directory = JsonDocument.Parse(result.Output).RootElement.GetProperty("modelDirectory").GetString()!;
            return JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "model.json"))).RootElement.GetProperty("featurizer").GetProperty("negationScope").GetInt32();
        }

        Assert.Equal(6, NegationScope("--negation-scope", "6", "--negation-char-ngrams"));
        Assert.Equal(6, NegationScope());
        Assert.Equal(0, NegationScope("--negation-scope", "0"));
    }
}
