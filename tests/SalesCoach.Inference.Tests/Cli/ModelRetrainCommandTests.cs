using System.Text.Json;
using SalesCoach.Inference.Data;
using SalesCoach.Inference.Tests.Training;

namespace SalesCoach.Inference.Tests.Cli;

/// <summary>Retraining end to end against a real SQLite registry: promote when better, keep the active model when not.</summary>
public class ModelRetrainCommandTests
{
    private static void WriteCsv(string path, IEnumerable<LabeledExample> rows) => File.WriteAllLines(path,
        ["text,label", .. rows.Select(r => $"\"{r.Text}\",{string.Join('|', r.Labels)}")]);

    private static JsonElement Retrain(TempDirectory store, string data)
    {
        var result = CliRunner.Run("model", "retrain", "--name", "signals", "--data", data, "--text", "text", "--label", "label",
            "--data-dir", store.Path);
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Output).RootElement;
    }

    [Fact]
    public void Retrain_FirstThenEqualThenBetter_PromotesOnlyWhenBetter()
    {
        using var store = new TempDirectory();
        using var files = new TempDirectory();
        var small = SyntheticData.Create(5, seed: 4);
        WriteCsv(files.File("small.csv"), small.Concat(small.Take(6)));   // repeated rows to clean away

        var first = Retrain(store, files.File("small.csv"));
        Assert.True(first.GetProperty("promoted").GetBoolean());
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.True(first.GetProperty("cleaning").GetProperty("duplicates").GetInt32() >= 6);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("active").ValueKind);

        // Same data, same seed: the candidate only ties with the active model, so it is not promoted.
        var same = Retrain(store, files.File("small.csv"));
        Assert.False(same.GetProperty("promoted").GetBoolean());
        Assert.Equal(1, same.GetProperty("active").GetProperty("version").GetInt32());
        Assert.Equal(same.GetProperty("active").GetProperty("accuracy").GetDouble(), same.GetProperty("candidate").GetProperty("accuracy").GetDouble());

        // Twelve times the data: the candidate beats version 1 on the held-out rows and becomes version 2.
        WriteCsv(files.File("large.csv"), SyntheticData.Create(60, seed: 4));
        var better = Retrain(store, files.File("large.csv"));
        Assert.True(better.GetProperty("candidate").GetProperty("accuracy").GetDouble() > better.GetProperty("active").GetProperty("accuracy").GetDouble());
        Assert.True(better.GetProperty("promoted").GetBoolean());
        Assert.Equal(2, better.GetProperty("version").GetInt32());

        var list = CliRunner.Run("model", "list", "--data-dir", store.Path);
        Assert.Equal(0, list.ExitCode);
        Assert.DoesNotContain("v3", list.Output);
    }

    [Fact]
    public void Retrain_HoldoutOutOfRange_Error()
    {
        using var files = new TempDirectory();
        WriteCsv(files.File("d.csv"), SyntheticData.Create(5, seed: 1));
        var result = CliRunner.Run("model", "retrain", "--name", "signals", "--data", files.File("d.csv"), "--text", "text", "--label", "label", "--holdout", "0.9");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--holdout", result.Error);
    }
}
