using System.CommandLine;
using SalesCoach.Inference.Training;

namespace SalesCoach.Cli.Models;

/// <summary><c>--method</c> and <c>--svm-c</c>, shared by <c>model train</c> and <c>model retrain</c>.</summary>
public sealed class TrainingMethodOptions
{
    private const string EmbeddingBag = "embedding-bag";
    private const string LinearSvm = "linear-svm";

    public TrainingMethodOptions()
    {
        Method = new Option<string>("--method")
        {
            Description = $"{EmbeddingBag} (SGD on averaged n-gram embeddings) or {LinearSvm} (one linear SVM per label over idf-weighted n-grams; multi-label only)",
            DefaultValueFactory = _ => EmbeddingBag,
        };
        Method.AcceptOnlyFromAmong(EmbeddingBag, LinearSvm);
        SvmC = new Option<float>("--svm-c") { Description = "Linear SVM: loss weight against the L2 penalty", DefaultValueFactory = _ => new TrainerOptions().SvmC };
    }

    public Option<string> Method { get; }

    public Option<float> SvmC { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Method);
        command.Options.Add(SvmC);
    }

    public TrainerOptions Apply(ParseResult parse, TrainerOptions options) => options with
    {
        Method = parse.GetValue(Method) == LinearSvm ? TrainingMethod.LinearSvm : TrainingMethod.EmbeddingBag,
        SvmC = parse.GetValue(SvmC),
    };
}
