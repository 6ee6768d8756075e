using System.CommandLine;

// The admin and model tool. Commands arrive with their features (model, content, replay, bench).
var root = new RootCommand("SalesCoach admin and model tool");
return root.Parse(args).Invoke();
