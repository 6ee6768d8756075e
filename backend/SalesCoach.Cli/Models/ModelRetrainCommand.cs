using System.CommandLine;
using System.Text.Json;
using SalesCoach.Cli.Infrastructure;
using SalesCoach.Inference.Data;
using SalesCoach.Inference.Featurization;
using SalesCoach.Inference.Registry;
using SalesCoach.Inference.Training;

namespace SalesCoach.Cli.Models;

/// <summary>
/// <c>model retrain --data FILE --text COL --label COL --name NAME [--tenant T] ...</c>: clean the data, keep only
/// the labels of the model now serving, train, compare with that model on held-out rows, register the candidate and
/// activate it only if better.
/// </summary>
public static class ModelRetrainCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var name = RegistryOptions.Name();
        var tenant = RegistryOptions.Tenant();
        var multiLabel = new Option<bool>("--multi-label") { Description = "Several labels per text (per-label sigmoid)" };
        var seed = new Option<int>("--seed") { Description = "Random seed (split and training)", DefaultValueFactory = _ => 42 };
        var buckets = new Option<int>("--buckets") { Description = "Hash buckets", DefaultValueFactory = _ => new FeaturizerOptions().Buckets };
        var holdout = new Option<FileInfo?>("--holdout") { Description = "Held-out file (same columns); default: a stratified share of --data" };
        var fraction = new Option<double>("--holdout-fraction") { Description = "Share held out when no --holdout is given", DefaultValueFactory = _ => 0.2 };
        var metric = new Option<PromotionMetric>("--metric") { Description = "Held-out figure that decides promotion", DefaultValueFactory = _ => PromotionMetric.MacroF1 };
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Where to write the candidate model directory (default: a temporary folder)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var method = new TrainingMethodOptions();
        var negationScope = new Option<int?>("--negation-scope")
        {
            Description = $"Negation scope marking (0 = off, at most {FeaturizerOptions.MaxNegationScope} tokens); default: as the model now serving",
        };
        var negationReplace = new Option<bool>("--negation-replace") { Description = "With --negation-scope: negated word features instead of the plain ones" };
        var negationCharNgrams = new Option<bool>("--negation-char-ngrams") { Description = "With --negation-scope: character n-grams marked too" };
        var command = new Command("retrain", "Clean data, train, evaluate against the active model on held-out rows, promote only if better");
        data.AddTo(command);
        method.AddTo(command);
        foreach (var option in new Option[] { name, tenant, multiLabel, seed, buckets, holdout, fraction, metric, outDir, json, negationScope, negationReplace, negationCharNgrams })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => RegistryOptions.RunAsync(parse, async output =>
        {
            var (text, label) = (parse.GetRequiredValue(data.Text), parse.GetRequiredValue(data.Label));
            var dataset = Read(parse.GetRequiredValue(data.Data).FullName, text, label);
            var directory = parse.GetValue(outDir)?.FullName ?? Directory.CreateTempSubdirectory("salescoach-retrain-").FullName;
            var scope = parse.GetValue(negationScope) ?? 0;
            var request = new RetrainRequest(
                parse.GetValue(tenant)!, parse.GetRequiredValue(name), dataset.Examples, dataset.Sha256,
                method.Apply(parse, new TrainerOptions
                {
                    Featurizer = new FeaturizerOptions
                    {
                        Buckets = parse.GetValue(buckets),
                        NegationScope = scope,
                        NegationReplaces = scope > 0 && parse.GetValue(negationReplace),
                        NegationCharNgrams = scope > 0 && parse.GetValue(negationCharNgrams),
                    },
                    Seed = parse.GetValue(seed),
                    MultiLabel = parse.GetValue(multiLabel),
                    OosLabel = parse.GetValue(data.OosLabel),
                }),
                directory)
            {
                Holdout = parse.GetValue(holdout) is { } file ? Read(file.FullName, text, label).Examples : null,
                HoldoutFraction = Math.Clamp(parse.GetValue(fraction), 0.05, 0.5),
                Metric = parse.GetValue(metric),
                NegationAsServing = parse.GetValue(negationScope) is null,
            };
            await using var storage = await CliStorage.OpenAsync(parse, cancellationToken);
            var error = parse.InvocationConfiguration.Error;
            var result = await new RetrainingPipeline(storage.CreateRegistry()).RunAsync(request, error.WriteLine, cancellationToken);
            output.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(new
                {
                    promoted = result.Promoted,
                    reason = result.Reason,
                    candidate = new { version = result.Candidate.Version, accuracy = result.CandidateReport.Accuracy, macroF1 = result.CandidateReport.MacroF1 },
                    incumbent = result.Incumbent is null ? null : new { version = result.Incumbent.Version, tenant = result.Incumbent.TenantId, accuracy = result.IncumbentReport!.Accuracy, macroF1 = result.IncumbentReport.MacroF1 },
                    cleaning = result.Cleaning,
                    unknownLabels = new { labels = result.UnknownLabels.Labels, rowsLeftOut = result.UnknownLabels.RowsLeftOut },
                    trainExamples = result.TrainExamples,
                    holdoutExamples = result.HoldoutExamples,
                    modelDirectory = directory,
                })
                : $"{result.Reason} (candidate v{result.Candidate.Version} written to {directory})" + (result.UnknownLabels.Labels.Count == 0 ? ""
                    : $"; labels the serving model does not have were taken off their rows: {result.UnknownLabels}"));
            return result.Promoted ? 0 : 2;
        }));
        return command;
    }

    private static Dataset Read(string path, string text, string label)
    {
        try
        {
            return DatasetReader.Read(path, text, label);
        }
        catch (Exception error) when (error is IOException or InvalidDataException or JsonException)
        {
            throw new ModelRegistryException($"Cannot read '{path}': {error.Message}");
        }
    }
}
