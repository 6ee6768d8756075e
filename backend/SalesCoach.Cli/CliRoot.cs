using System.CommandLine;
using SalesCoach.Cli.Bench;
using SalesCoach.Cli.Coaching;
using SalesCoach.Cli.Infrastructure;
using SalesCoach.Cli.Content;
using SalesCoach.Cli.Models;

namespace SalesCoach.Cli;

/// <summary>The command tree: one line per top-level command; each command lives in its own feature folder.</summary>
public static class CliRoot
{
    public static RootCommand Create()
    {
        var root = new RootCommand("SalesCoach admin and model tool");
        root.Options.Add(CliStorage.DataDirectoryOption);
        root.Subcommands.Add(ModelCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(ContentCommands.Create());
        return root;
    }
}
