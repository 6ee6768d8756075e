using System.CommandLine;
using SalesCoach.Cli.Infrastructure;
using SalesCoach.Inference.Registry;

namespace SalesCoach.Cli.Models;

/// <summary><c>model register --model DIR --name NAME [--tenant T] [--activate]</c>: stores DIR/model.onnx and DIR/model.json as the next version.</summary>
public static class ModelRegisterCommand
{
    public static Command Create()
    {
        var directory = new Option<DirectoryInfo>("--model") { Description = "Folder holding model.onnx and model.json", Required = true };
        var name = RegistryOptions.Name();
        var tenant = RegistryOptions.Tenant();
        var activate = new Option<bool>("--activate") { Description = "Activate the new version at once" };
        var command = new Command("register", "Register a trained model folder as a new version (not active unless --activate)") { directory, name, tenant, activate };
        command.SetAction((parse, cancellationToken) => RegistryOptions.RunAsync(parse, async output =>
        {
            var registration = await ModelRegistrations.FromDirectoryAsync(parse.GetValue(directory)!.FullName, cancellationToken);
            await using var storage = await CliStorage.OpenAsync(parse, cancellationToken);
            var registry = storage.CreateRegistry();
            var tenantId = parse.GetValue(tenant)!;
            var version = await registry.RegisterAsync(tenantId, parse.GetValue(name)!, registration, cancellationToken);
            output.WriteLine($"registered {version.Name} v{version.Version} ({RegistryOptions.Scope(tenantId)}, {version.Labels.Count} labels, {version.SizeBytes} bytes, sha256 {version.Sha256})");
            if (parse.GetValue(activate))
            {
                await registry.ActivateAsync(tenantId, version.Name, version.Version, RegistryOptions.Actor, cancellationToken);
                output.WriteLine($"activated {version.Name} v{version.Version}");
            }

            return 0;
        }));
        return command;
    }
}
