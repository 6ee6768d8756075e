using System.CommandLine;
using System.Text.Json;
using SalesCoach.Cli.Infrastructure;
using SalesCoach.Inference.Data;
using SalesCoach.Inference.Registry;
using SalesCoach.Inference.Training;

namespace SalesCoach.Cli.Models;

/// <summary>
/// <c>model retrain --name NAME --data FILE ...</c>: clean, train a candidate, evaluate it against the
/// active registry model on the same held-out rows, and register + activate it only if it is better.
/// </summary>
public static class ModelRetrainCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var name = RegistryOptions.Name();
        var tenant = RegistryOptions.Tenant();
        var multiLabel = new Option<bool>("--multi-label") { Description = "Several labels per text (per-label sigmoid)" };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 42 };
        var holdOut = new Option<double>("--holdout") { Description = "Share of the cleaned rows held out to compare the models", DefaultValueFactory = _ => 0.2 };
        var allowNew = new Option<bool>("--allow-new-labels") { Description = "Keep rows whose labels the active model does not know" };
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Keep the candidate model directory here" };
        var command = new Command("retrain", "Clean data, train a candidate, promote it only if it beats the active model on held-out rows");
        data.AddTo(command);
        foreach (var option in new Option[] { name, tenant, multiLabel, seed, holdOut, allowNew, outDir })
        {
            command.Options.Add(option);
        }

        holdOut.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is < 0.05 or > 0.5)
            {
                result.AddError("--holdout must be between 0.05 and 0.5.");
            }
        });
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(parse, async (output, error) =>
        {
            var dataset = DatasetReader.Read(parse.GetRequiredValue(data.Data).FullName, parse.GetRequiredValue(data.Text), parse.GetRequiredValue(data.Label));
            var (tenantId, modelName) = (parse.GetValue(tenant)!, parse.GetRequiredValue(name));
            await using var storage = await CliStorage.OpenAsync(parse, cancellationToken);
            var registry = storage.CreateRegistry();
            var active = await LoadActiveAsync(registry, tenantId, modelName, cancellationToken);
            var options = new TrainerOptions { Seed = parse.GetValue(seed), MultiLabel = parse.GetValue(multiLabel), OosLabel = parse.GetValue(data.OosLabel) };
            var keep = parse.GetValue(outDir)?.FullName;
            var directory = keep ?? Directory.CreateTempSubdirectory("salescoach-retrain-").FullName;
            try
            {
                var outcome = RetrainPipeline.Run(dataset.Examples, options, active, directory, dataset.Sha256,
                    parse.GetValue(holdOut), parse.GetValue(allowNew), error.WriteLine);
                int? promoted = null;
                if (outcome.Promote)
                {
                    var version = await registry.RegisterAsync(tenantId, modelName, await ModelRegistrations.FromDirectoryAsync(directory, cancellationToken), cancellationToken);
                    await registry.ActivateAsync(tenantId, modelName, version.Version, RegistryOptions.Actor, cancellationToken);
                    promoted = version.Version;
                }

                output.WriteLine(JsonSerializer.Serialize(new
                {
                    name = modelName,
                    cleaning = outcome.Cleaning,
                    heldOut = outcome.HeldOut,
                    metric = outcome.Metric,
                    candidate = new { accuracy = outcome.CandidateReport.Accuracy, macroF1 = outcome.CandidateReport.MacroF1 },
                    active = active is null ? null : new { version = active.Version, accuracy = outcome.ActiveReport!.Accuracy, macroF1 = outcome.ActiveReport.MacroF1 },
                    promoted = outcome.Promote,
                    version = promoted,
                }, JsonSerializerOptions.Web));
            }
            finally
            {
                if (keep is null)
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
        }));
        return command;
    }

    private static async Task<ActiveModel?> LoadActiveAsync(ModelRegistry registry, string tenantId, string name, CancellationToken cancellationToken)
    {
        var version = await registry.ResolveAsync(tenantId, name, cancellationToken);
        if (version is null)
        {
            return null;
        }

        var metadata = JsonSerializer.Deserialize<ModelMetadata>(version.ManifestJson, ModelDirectory.Json)
            ?? throw new InvalidDataException($"{name} v{version.Version} has no model.json manifest.");
        return new ActiveModel(await registry.ReadModelAsync(version, cancellationToken), metadata, version.Version);
    }
}
