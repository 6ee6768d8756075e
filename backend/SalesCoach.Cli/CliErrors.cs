using System.CommandLine;

namespace SalesCoach.Cli;

/// <summary>
/// Runs a command body with the invocation's output writers (so tests can capture them) and turns
/// expected failures (bad files, bad data, bad options) into one line on stderr and exit code 1.
/// </summary>
internal static class CliErrors
{
    public static int Run(ParseResult parse, Action<TextWriter, TextWriter> action) =>
        RunAsync(parse, (output, error) =>
        {
            action(output, error);
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(ParseResult parse, Func<TextWriter, TextWriter, Task> action)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            await action(output, error);
            return 0;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ArgumentException
            or UnauthorizedAccessException or System.Text.Json.JsonException or DllNotFoundException
            or SalesCoach.Inference.Runtime.OnnxRuntimeException or SalesCoach.Inference.Registry.ModelRegistryException)
        {
            error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }
}
