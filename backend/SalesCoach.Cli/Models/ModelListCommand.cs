using System.CommandLine;

namespace SalesCoach.Cli.Models;

public static class ModelListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List registered model versions and which one is active");
        command.SetAction((ParseResult _) =>
        {
            Console.WriteLine("(registry not wired yet)");
            return 0;
        });
        return command;
    }
}
