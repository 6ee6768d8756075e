using System.CommandLine;
using System.Text.Json;
using SalesCoach.Inference.Data;
using SalesCoach.Inference.Evaluation;
using SalesCoach.Inference.Training;

namespace SalesCoach.Cli.Models;

/// <summary>
/// <c>model predict</c>: one JSON line per input row with the model's labels and scores, and the
/// gold labels when the file has them; <c>--errors</c> keeps only the rows the model gets wrong
/// (for reading a dev set's mistakes, never a test set's).
/// </summary>
public static class ModelPredictCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var model = new Option<DirectoryInfo>("--model") { Description = "Model directory (model.onnx + model.json)", Required = true };
        var errors = new Option<bool>("--errors") { Description = "Only rows whose predicted labels differ from the gold labels" };
        var command = new Command("predict", "Label every row of a file with a model (JSON lines: text, gold, predicted, scores)");
        var context = DataOptions.ContextField("Field (column) holding the other side's previous turn (used by a model trained with --context)");
        data.AddTo(command);
        command.Options.Add(context);
        command.Options.Add(model);
        command.Options.Add(errors);
        command.SetAction(parse => CliErrors.Run(parse, (output, _) =>
        {
            var directory = parse.GetRequiredValue(model).FullName;
            var metadata = ModelDirectory.LoadMetadata(directory);
            var dataset = DatasetReader.Read(parse.GetRequiredValue(data.Data).FullName,
                parse.GetRequiredValue(data.Text), parse.GetRequiredValue(data.Label), parse.GetValue(context));
            using var session = OnnxTextScorer.OpenSession(directory);
            var scorer = new OnnxTextScorer(session, metadata.Featurizer);
            var scores = new float[metadata.Labels.Length];
            foreach (var example in dataset.Examples)
            {
                scorer.Score(example.Text, example.Context, scores);
                var predicted = DecisionRule.Decide(scores, metadata).Select(i => metadata.Labels[i]).Order(StringComparer.Ordinal).ToArray();
                var gold = example.Labels.Order(StringComparer.Ordinal).ToArray();
                if (parse.GetValue(errors) && predicted.SequenceEqual(gold))
                {
                    continue;
                }

                output.WriteLine(JsonSerializer.Serialize(new
                {
                    text = example.Text,
                    gold,
                    predicted,
                    scores = metadata.Labels.Select((l, i) => (l, s: scores[i])).Where(p => p.s >= 0.05f)
                        .OrderByDescending(p => p.s).ToDictionary(p => p.l, p => Math.Round(p.s, 3)),
                }, PredictJson));
            }
        }));
        return command;
    }

    private static readonly JsonSerializerOptions PredictJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
