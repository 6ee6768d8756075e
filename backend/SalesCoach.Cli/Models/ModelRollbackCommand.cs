using System.CommandLine;
using SalesCoach.Cli.Infrastructure;

namespace SalesCoach.Cli.Models;

/// <summary><c>model rollback --name NAME [--tenant T]</c>: back to the version active before the current one.</summary>
public static class ModelRollbackCommand
{
    public static Command Create()
    {
        var name = RegistryOptions.Name();
        var tenant = RegistryOptions.Tenant();
        var command = new Command("rollback", "Return to the previously active version (a tenant's only override falls back to the global default)") { name, tenant };
        command.SetAction((parse, cancellationToken) => RegistryOptions.RunAsync(parse, async output =>
        {
            await using var storage = await CliStorage.OpenAsync(parse, cancellationToken);
            var tenantId = parse.GetValue(tenant)!;
            var serving = await storage.CreateRegistry().RollbackAsync(tenantId, parse.GetValue(name)!, RegistryOptions.Actor, cancellationToken);
            output.WriteLine(serving is null
                ? $"rolled back; no version of {parse.GetValue(name)} is active for {RegistryOptions.Scope(tenantId)}"
                : $"rolled back; {RegistryOptions.Scope(tenantId)} is now served by {serving.Name} v{serving.Version} ({RegistryOptions.Scope(serving.TenantId)})");
            return 0;
        }));
        return command;
    }
}
