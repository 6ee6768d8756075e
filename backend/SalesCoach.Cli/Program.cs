using SalesCoach.Cli;

return await CliRoot.Create().Parse(args).InvokeAsync();
