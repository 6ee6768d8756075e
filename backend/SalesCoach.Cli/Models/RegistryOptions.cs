using System.CommandLine;
using SalesCoach.Inference.Registry;

namespace SalesCoach.Cli.Models;

/// <summary>Options shared by the registry commands (list, register, activate, rollback).</summary>
internal static class RegistryOptions
{
    public static Option<string> Name() => new("--name") { Description = "Model name, e.g. signals", Required = true };

    public static Option<string> Tenant() => new("--tenant")
    {
        Description = "Tenant id; omit for the global default every tenant uses unless it has its own",
        DefaultValueFactory = _ => ModelRegistry.GlobalTenant,
    };

    public static string Actor => $"cli:{Environment.UserName}";

    public static string Scope(string tenantId) => tenantId.Length == 0 ? "global" : tenantId;

    /// <summary>
    /// Runs a command body with the invocation's output writer (tests capture it); registry and
    /// configuration errors become one line on the error writer and exit code 1.
    /// </summary>
    public static async Task<int> RunAsync(ParseResult parse, Func<TextWriter, Task<int>> body)
    {
        try
        {
            return await body(parse.InvocationConfiguration.Output);
        }
        catch (Exception error) when (error is ModelRegistryException or InvalidOperationException or ArgumentException)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {error.Message}");
            return 1;
        }
    }
}
