using System.Text.Json;
using SalesCoach.Inference.Data;
using SalesCoach.Inference.Tests.Training;

namespace SalesCoach.Inference.Tests.Cli;

public class ModelTrainEvaluateCommandTests
{
    private static void WriteCsv(string path, IEnumerable<LabeledExample> rows) => File.WriteAllLines(path,
        ["utterance,intent", .. rows.Select(r => $"\"{r.Text.Replace("\"", "\"\"")}\",{string.Join('|', r.Labels)}")]);

    [Fact]
    public void TrainThenEvaluate_SyntheticCsv_JsonReportWithFigures()
    {
        using var dir = new TempDirectory();
        WriteCsv(dir.File("train.csv"), SyntheticData.Create(40, seed: 1));
        WriteCsv(dir.File("test.csv"), SyntheticData.Create(10, seed: 50));
        var model = dir.File("model");

        var train = CliRunner.Run("model", "train", "--data", dir.File("train.csv"), "--text", "utterance", "--label", "intent",
            "--oos-label", "none", "--seed", "3", "--out", model, "--buckets", "4096", "--dim", "16", "--lr", "1");
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.True(File.Exists(Path.Combine(model, "model.json")));

        var evaluate = CliRunner.Run("model", "evaluate", "--model", model, "--data", dir.File("test.csv"), "--text", "utterance",
            "--label", "intent", "--oos-label", "none", "--json", "--report-dir", dir.File("report"));
        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        var json = JsonDocument.Parse(evaluate.Output).RootElement;
        Assert.InRange(json.GetProperty("accuracy").GetDouble(), 0.85, 1.0);
        Assert.InRange(json.GetProperty("macroF1").GetDouble(), 0.85, 1.0);
        Assert.InRange(json.GetProperty("oosRecall").GetDouble(), 0.5, 1.0);
        Assert.Equal(40, json.GetProperty("examples").GetInt32());
        var price = json.GetProperty("perLabel").GetProperty("price");
        Assert.Equal(10, price.GetProperty("support").GetInt32());
        Assert.True(price.TryGetProperty("precision", out _) && price.TryGetProperty("recall", out _) && price.TryGetProperty("f1", out _));
        Assert.Contains("| macro-F1 |", File.ReadAllText(Path.Combine(dir.File("report"), "evaluation.md")));

        // The managed maths decide exactly as ONNX Runtime does.
        var managed = CliRunner.Run("model", "evaluate", "--model", model, "--data", dir.File("test.csv"), "--text", "utterance",
            "--label", "intent", "--oos-label", "none", "--json", "--runtime", "managed");
        Assert.True(managed.ExitCode == 0, managed.Error);
        var managedJson = JsonDocument.Parse(managed.Output).RootElement;
        Assert.Equal(json.GetProperty("accuracy").GetDouble(), managedJson.GetProperty("accuracy").GetDouble());
        Assert.Equal(json.GetProperty("perLabel").ToString(), managedJson.GetProperty("perLabel").ToString());
    }

    [Fact]
    public void Train_LinearSvm_MultiLabelModelThatOnnxAndManagedScoreAlike()
    {
        using var dir = new TempDirectory();
        WriteCsv(dir.File("train.csv"), SyntheticData.Create(40, seed: 1, multiLabel: true));
        WriteCsv(dir.File("test.csv"), SyntheticData.Create(10, seed: 50, multiLabel: true));
        var model = dir.File("model");

        var train = CliRunner.Run("model", "train", "--data", dir.File("train.csv"), "--text", "utterance", "--label", "intent",
            "--multi-label", "--method", "linear-svm", "--svm-c", "2", "--out", model, "--buckets", "4096");
        Assert.True(train.ExitCode == 0, train.Error);
        var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(model, "model.json"))).RootElement;
        Assert.Equal("linearSvm", metadata.GetProperty("method").GetString());

        string[] evaluate = ["model", "evaluate", "--model", model, "--data", dir.File("test.csv"), "--text", "utterance", "--label", "intent", "--json"];
        var onnx = CliRunner.Run(evaluate);
        var managed = CliRunner.Run([.. evaluate, "--runtime", "managed"]);
        Assert.True(onnx.ExitCode == 0 && managed.ExitCode == 0, onnx.Error + managed.Error);
        var json = JsonDocument.Parse(onnx.Output).RootElement;
        Assert.InRange(json.GetProperty("macroF1").GetDouble(), 0.85, 1.0);
        Assert.Equal(json.GetProperty("perLabel").ToString(), JsonDocument.Parse(managed.Output).RootElement.GetProperty("perLabel").ToString());
    }

    [Fact]
    public void TrainPredictEvaluate_ContextField_RecordedInModelJsonAndUsed()
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir.File("train.jsonl"), SyntheticData.ContextAnswers(40, seed: 1)
            .Select(e => JsonSerializer.Serialize(new { text = e.Text, labels = e.Labels, previous = e.Context })));
        File.WriteAllLines(dir.File("check.jsonl"),
        [
            """{"text": "nope", "labels": ["price"], "previous": "Is the budget approved?"}""",
            """{"text": "nope", "labels": ["none"], "previous": "Any concerns about security?"}""",
        ]);
        var model = dir.File("model");

        var train = CliRunner.Run("model", "train", "--data", dir.File("train.jsonl"), "--text", "text", "--label", "labels",
            "--multi-label", "--method", "linear-svm", "--buckets", "4096", "--context", "previous", "--context-ngrams", "1", "--out", model);
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Contains("160 training rows carry a context", train.Error, StringComparison.Ordinal);
        var featurizer = JsonDocument.Parse(File.ReadAllText(Path.Combine(model, "model.json"))).RootElement.GetProperty("featurizer");
        Assert.Equal(1, featurizer.GetProperty("contextNgrams").GetInt32());

        var predict = CliRunner.Run("model", "predict", "--model", model, "--data", dir.File("check.jsonl"), "--text", "text", "--label", "labels", "--context", "previous");
        Assert.True(predict.ExitCode == 0, predict.Error);
        var predicted = predict.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("predicted").EnumerateArray().Select(p => p.GetString()).ToList()).ToList();
        Assert.Equal([["price"], ["none"]], predicted);

        var evaluate = CliRunner.Run("model", "evaluate", "--model", model, "--data", dir.File("check.jsonl"), "--text", "text", "--label", "labels", "--context", "previous", "--json");
        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        Assert.Equal(1.0, JsonDocument.Parse(evaluate.Output).RootElement.GetProperty("accuracy").GetDouble());
        // Without the field the model sees the same text twice and cannot be right on both.
        var blind = CliRunner.Run("model", "evaluate", "--model", model, "--data", dir.File("check.jsonl"), "--text", "text", "--label", "labels", "--json");
        Assert.True(blind.ExitCode == 0, blind.Error);
        Assert.InRange(JsonDocument.Parse(blind.Output).RootElement.GetProperty("accuracy").GetDouble(), 0.0, 0.5);
    }

    [Fact]
    public void Train_NegationScope_RecordedInModelJsonAndOutOfRangeRefused()
    {
        using var dir = new TempDirectory();
        WriteCsv(dir.File("train.csv"), SyntheticData.Create(40, seed: 1, multiLabel: true));
        var model = dir.File("model");
        string[] train = ["model", "train", "--data", dir.File("train.csv"), "--text", "utterance", "--label", "intent", "--multi-label", "--method", "linear-svm", "--buckets", "4096"];

        var result = CliRunner.Run([.. train, "--negation-scope", "6", "--negation-replace", "--out", model]);
        Assert.True(result.ExitCode == 0, result.Error);
        var featurizer = JsonDocument.Parse(File.ReadAllText(Path.Combine(model, "model.json"))).RootElement.GetProperty("featurizer");
        Assert.Equal((6, true, false), (featurizer.GetProperty("negationScope").GetInt32(), featurizer.GetProperty("negationReplaces").GetBoolean(),
            featurizer.GetProperty("negationCharNgrams").GetBoolean()));
        var evaluate = CliRunner.Run("model", "evaluate", "--model", model, "--data", dir.File("train.csv"), "--text", "utterance", "--label", "intent", "--json");
        Assert.True(evaluate.ExitCode == 0, evaluate.Error);

        // Without a scope the other two settings mean nothing and are not recorded as on.
        var off = CliRunner.Run([.. train, "--negation-replace", "--out", dir.File("off")]);
        Assert.True(off.ExitCode == 0, off.Error);
        var offFeaturizer = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.File("off"), "model.json"))).RootElement.GetProperty("featurizer");
        Assert.Equal((0, false), (offFeaturizer.GetProperty("negationScope").GetInt32(), offFeaturizer.GetProperty("negationReplaces").GetBoolean()));

        var tooLong = CliRunner.Run([.. train, "--negation-scope", "17", "--out", dir.File("bad")]);
        Assert.Equal(1, tooLong.ExitCode);
        Assert.Contains("Invalid featurizer options", tooLong.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_LinearSvmWithoutMultiLabel_ClearError()
    {
        using var dir = new TempDirectory();
        WriteCsv(dir.File("train.csv"), SyntheticData.Create(5, seed: 1));
        var result = CliRunner.Run("model", "train", "--data", dir.File("train.csv"), "--text", "utterance", "--label", "intent",
            "--method", "linear-svm", "--out", dir.File("m"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--multi-label", result.Error);
    }

    [Fact]
    public void Train_MissingRequiredOptions_ErrorNamesThem()
    {
        var result = CliRunner.Run("model", "train", "--text", "t");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--data", result.Error);
        Assert.Contains("--out", result.Error);
    }

    [Fact]
    public void Train_DataFileMissing_Error()
    {
        var result = CliRunner.Run("model", "train", "--data", "no-such-file.csv", "--text", "t", "--label", "l", "--out", "x");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("not found", result.Error);
    }

    [Fact]
    public void Train_UnknownColumn_ErrorListsHeader()
    {
        using var dir = new TempDirectory();
        WriteCsv(dir.File("train.csv"), SyntheticData.Create(5, seed: 1));
        var result = CliRunner.Run("model", "train", "--data", dir.File("train.csv"), "--text", "text", "--label", "intent", "--out", dir.File("m"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Column 'text' not in the header (utterance, intent)", result.Error);
    }

    [Fact]
    public void Evaluate_ModelDirectoryMissing_Error()
    {
        using var dir = new TempDirectory();
        WriteCsv(dir.File("test.csv"), SyntheticData.Create(5, seed: 1));
        var result = CliRunner.Run("model", "evaluate", "--model", dir.File("nothing"), "--data", dir.File("test.csv"), "--text", "utterance", "--label", "intent");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--model", result.Error);
    }

    [Fact]
    public void Train_InvalidNumber_ParseError()
    {
        using var dir = new TempDirectory();
        WriteCsv(dir.File("train.csv"), SyntheticData.Create(5, seed: 1));
        var result = CliRunner.Run("model", "train", "--data", dir.File("train.csv"), "--text", "utterance", "--label", "intent",
            "--out", dir.File("m"), "--seed", "abc");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("'abc'", result.Error + result.Output);
        Assert.False(Directory.Exists(dir.File("m")));
    }
}
