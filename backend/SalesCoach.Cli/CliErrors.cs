using System.CommandLine;

namespace SalesCoach.Cli;

/// <summary>
/// Runs a command body with the invocation's output writers (so tests can capture them) and turns
/// expected failures (bad files, bad data, bad options) into one line on stderr and exit code 1.
/// </summary>
internal static class CliErrors
{
    public static int Run(ParseResult parse, Action<TextWriter, TextWriter> action)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            action(output, error);
            return 0;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ArgumentException
            or UnauthorizedAccessException or System.Text.Json.JsonException or DllNotFoundException
            or SalesCoach.Inference.Runtime.OnnxRuntimeException)
        {
            error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }
}
