using System.CommandLine;

namespace SalesCoach.Cli.Models;

/// <summary><c>model ...</c>: each subcommand is one file in this folder and one line here.</summary>
public static class ModelCommand
{
    public static Command Create()
    {
        var model = new Command("model", "Train, evaluate and manage versioned ONNX models");
        model.Subcommands.Add(ModelListCommand.Create());
        model.Subcommands.Add(ModelTrainCommand.Create());
        model.Subcommands.Add(ModelEvaluateCommand.Create());
        model.Subcommands.Add(ModelPredictCommand.Create());
        model.Subcommands.Add(ModelRegisterCommand.Create());
        model.Subcommands.Add(ModelActivateCommand.Create());
        model.Subcommands.Add(ModelRollbackCommand.Create());
        model.Subcommands.Add(ModelRetrainCommand.Create());
        return model;
    }
}
