using System.CommandLine;

namespace SalesCoach.Cli.Bench;

/// <summary><c>bench ...</c>: repeatable quality and speed benchmarks; one file per subcommand.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Quality and speed benchmarks on the shared datasets");
        bench.Subcommands.Add(BenchSpeedCommand.Create());
        bench.Subcommands.Add(BenchOnnxCommand.Create());
        return bench;
    }
}
