using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SalesCoach.Cli.Infrastructure;

namespace SalesCoach.Cli.Models;

/// <summary><c>model list [--tenant T] [--name N] [--json]</c>: global versions plus the tenant's own, with the active ones marked.</summary>
public static class ModelListCommand
{
    public static Command Create()
    {
        var tenant = RegistryOptions.Tenant();
        var name = new Option<string?>("--name") { Description = "Only this model" };
        var json = new Option<bool>("--json") { Description = "One JSON array instead of a table" };
        var command = new Command("list", "List registered model versions and which ones are active") { tenant, name, json };
        command.SetAction((parse, cancellationToken) => RegistryOptions.RunAsync(parse, async output =>
        {
            await using var storage = await CliStorage.OpenAsync(parse, cancellationToken);
            var versions = await storage.CreateRegistry().ListAsync(parse.GetValue(tenant)!, parse.GetValue(name), cancellationToken);
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(versions.Select(v => new
                {
                    tenant = v.TenantId, name = v.Name, version = v.Version, active = v.Active, labels = v.Labels, languages = v.Languages,
                    trainingDataHash = v.TrainingDataHash, metrics = JsonDocument.Parse(v.MetricsJson).RootElement, sha256 = v.Sha256,
                    sizeBytes = v.SizeBytes, createdAt = v.CreatedAt,
                })));
                return 0;
            }

            output.WriteLine($"{"SCOPE",-34} {"NAME",-16} {"VERSION",7} {"ACTIVE",6} {"LABELS",6} {"SIZE",10}  CREATED (UTC)         SHA-256");
            foreach (var v in versions)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{RegistryOptions.Scope(v.TenantId),-34} {v.Name,-16} {v.Version,7} {(v.Active ? "*" : ""),6} {v.Labels.Count,6} {v.SizeBytes,10}  {v.CreatedAt:yyyy-MM-dd HH:mm:ss}   {v.Sha256[..12]}"));
            }

            if (versions.Count == 0)
            {
                output.WriteLine("(no models registered)");
            }

            return 0;
        }));
        return command;
    }
}
