using System.CommandLine;
using SalesCoach.Cli.Content;

// The admin and model tool. Commands arrive with their features (model, content, replay, bench).
var root = new RootCommand("SalesCoach admin and model tool");
root.Subcommands.Add(ContentCommands.Create());
return await root.Parse(args).InvokeAsync();
