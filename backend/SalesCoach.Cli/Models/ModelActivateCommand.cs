using System.CommandLine;
using SalesCoach.Cli.Infrastructure;

namespace SalesCoach.Cli.Models;

/// <summary><c>model activate --name NAME --version V [--tenant T]</c>. Running hosts pick it up on their next refresh.</summary>
public static class ModelActivateCommand
{
    public static Command Create()
    {
        var name = RegistryOptions.Name();
        var version = new Option<int>("--version") { Description = "Version number to activate", Required = true };
        var tenant = RegistryOptions.Tenant();
        var command = new Command("activate", "Make a registered version the active one") { name, version, tenant };
        command.SetAction((parse, cancellationToken) => RegistryOptions.RunAsync(parse, async output =>
        {
            await using var storage = await CliStorage.OpenAsync(parse, cancellationToken);
            var tenantId = parse.GetValue(tenant)!;
            var active = await storage.CreateRegistry().ActivateAsync(tenantId, parse.GetValue(name)!, parse.GetValue(version), RegistryOptions.Actor, cancellationToken);
            output.WriteLine($"activated {active.Name} v{active.Version} ({RegistryOptions.Scope(tenantId)})");
            return 0;
        }));
        return command;
    }
}
