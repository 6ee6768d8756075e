using System.CommandLine;
using SalesCoach.Inference.Data;
using SalesCoach.Inference.Evaluation;
using SalesCoach.Inference.Training;

namespace SalesCoach.Cli.Models;

/// <summary><c>model evaluate</c>: scores a labelled file with a model directory; prints and writes the report.</summary>
public static class ModelEvaluateCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var model = new Option<DirectoryInfo>("--model") { Description = "Model directory (model.onnx + model.json)", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a summary" };
        var runtime = new Option<string>("--runtime")
        {
            Description = "onnx (ONNX Runtime, the serving path) or managed (the trainer's maths)",
            DefaultValueFactory = _ => "onnx",
        };
        runtime.AcceptOnlyFromAmong("onnx", "managed");
        var reportDir = new Option<DirectoryInfo?>("--report-dir") { Description = "Also write evaluation.json and evaluation.md here" };
        var command = new Command("evaluate", "Evaluate a model on labelled data (accuracy, per-label P/R/F1, macro-F1, OOS recall, latency)");
        var context = DataOptions.ContextField("Field (column) holding the other side's previous turn (used by a model trained with --context)");
        data.AddTo(command);
        command.Options.Add(context);
        command.Options.Add(model);
        command.Options.Add(json);
        command.Options.Add(reportDir);
        command.Options.Add(runtime);
        command.Validators.Add(result =>
        {
            if (result.GetValue(model) is { Exists: false } dir)
            {
                result.AddError($"--model: directory not found: {dir.FullName}");
            }
        });
        command.SetAction(parse => CliErrors.Run(parse, (output, _) =>
        {
            var directory = parse.GetRequiredValue(model).FullName;
            var metadata = ModelDirectory.LoadMetadata(directory);
            var dataset = DatasetReader.Read(parse.GetRequiredValue(data.Data).FullName,
                parse.GetRequiredValue(data.Text), parse.GetRequiredValue(data.Label), parse.GetValue(context));
            using var session = parse.GetValue(runtime) == "onnx" ? OnnxTextScorer.OpenSession(directory) : null;
            ITextScorer scorer = session is null
                ? new TextClassifier(ModelDirectory.Load(directory))
                : new OnnxTextScorer(session, metadata.Featurizer);
            var report = ModelEvaluator.Evaluate(scorer, metadata, dataset.Examples, parse.GetValue(data.OosLabel));
            if (parse.GetValue(reportDir) is { } dir)
            {
                Directory.CreateDirectory(dir.FullName);
                File.WriteAllText(Path.Combine(dir.FullName, "evaluation.json"), ReportWriter.ToJson(report, indented: true));
                File.WriteAllText(Path.Combine(dir.FullName, "evaluation.md"),
                    ReportWriter.ToMarkdown(report, $"Evaluation of {Path.GetFileName(parse.GetRequiredValue(model).FullName)} on {Path.GetFileName(parse.GetRequiredValue(data.Data).FullName)}"));
            }

            output.WriteLine(parse.GetValue(json)
                ? ReportWriter.ToJson(report)
                : $"accuracy {report.Accuracy:F4}, macro-F1 {report.MacroF1:F4}, examples {report.Examples}"
                    + (report.OosRecall is { } r ? $", in-scope accuracy {report.InScopeAccuracy:F4}, OOS recall {r:F4}" : "")
                    + $", {report.LatencyMicroseconds:F1} us/utterance");
        }));
        return command;
    }
}
