using System.CommandLine;
using SalesCoach.Cli;

namespace SalesCoach.Inference.Tests.Cli;

/// <summary>Runs the real command tree in process with captured output.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = CliRoot.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
