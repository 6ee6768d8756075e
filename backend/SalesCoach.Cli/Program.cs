using System.CommandLine;
using SalesCoach.Cli.Content;

var root = new RootCommand("SalesCoach admin and model tool");
root.Subcommands.Add(ContentCommands.Create());
return await root.Parse(args).InvokeAsync();
