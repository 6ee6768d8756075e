using System.CommandLine;
using SalesCoach.Inference.Data;
using SalesCoach.Inference.Featurization;
using SalesCoach.Inference.Training;

namespace SalesCoach.Cli.Models;

/// <summary><c>model train</c>: trains a classifier from labelled text and writes a model directory.</summary>
public static class ModelTrainCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var multiLabel = new Option<bool>("--multi-label") { Description = "Several labels per text (per-label sigmoid)" };
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same model)", DefaultValueFactory = _ => 42 };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Model directory to write", Required = true };
        var dev = new Option<FileInfo?>("--dev") { Description = "Dev set (same columns) instead of a 10% stratified slice of --data" };
        var dim = new Option<int>("--dim") { Description = "Embedding size", DefaultValueFactory = _ => new TrainerOptions().Dim };
        var buckets = new Option<int>("--buckets") { Description = "Hash buckets", DefaultValueFactory = _ => new FeaturizerOptions().Buckets };
        var epochs = new Option<int>("--epochs") { Description = "Most epochs (early stopping may end sooner)", DefaultValueFactory = _ => new TrainerOptions().MaxEpochs };
        var patience = new Option<int>("--patience") { Description = "Epochs without dev improvement before stopping", DefaultValueFactory = _ => new TrainerOptions().Patience };
        var minn = new Option<int>("--minn") { Description = "Shortest character n-gram (0 = none)", DefaultValueFactory = _ => new FeaturizerOptions().CharNgramMin };
        var maxn = new Option<int>("--maxn") { Description = "Longest character n-gram (0 = none)", DefaultValueFactory = _ => new FeaturizerOptions().CharNgramMax };
        var dropout = new Option<float>("--dropout") { Description = "Share of features dropped per training step", DefaultValueFactory = _ => new TrainerOptions().FeatureDropout };
        var learningRate = new Option<float>("--lr") { Description = "Starting learning rate", DefaultValueFactory = _ => new TrainerOptions().LearningRate };
        var method = new TrainingMethodOptions();
        var context = DataOptions.ContextField("Field (column) holding the other side's previous turn: the model reads its word n-grams too (recorded in model.json)");
        var contextNgrams = new Option<int>("--context-ngrams") { Description = "With --context: 1 = context words, 2 = words and word pairs", DefaultValueFactory = _ => 2 };
        var contextLastSentence = new Option<bool>("--context-last-sentence") { Description = "With --context: only the context's last sentence counts" };
        var contextPairWords = new Option<int>("--context-pair-words")
        {
            Description = $"With --context: a text of at most this many tokens also gets (context token, text token) pairs (0 = none, at most {FeaturizerOptions.MaxContextPairWords})",
        };
        var negationScope = new Option<int>("--negation-scope")
        {
            Description = $"Negation scope marking: up to this many tokens after a negation cue (not, n't, nunca, pas, nicht, 不...), to the next clause mark or contrast word, get features of their own (0 = off, at most {FeaturizerOptions.MaxNegationScope}; recorded in model.json)",
        };
        var negationReplace = new Option<bool>("--negation-replace") { Description = "With --negation-scope: a token in scope gets its negated word features instead of the plain ones (default: both)" };
        var negationCharNgrams = new Option<bool>("--negation-char-ngrams") { Description = "With --negation-scope: a token's character n-grams are marked too" };

        var command = new Command("train", "Train a text classifier (hashed n-gram embeddings + linear layer, or one linear SVM per label)");
        data.AddTo(command);
        method.AddTo(command);
        foreach (var option in new Option[] { multiLabel, seed, outDir, dev, dim, buckets, epochs, learningRate, patience, minn, maxn, dropout, context, contextNgrams, contextLastSentence, contextPairWords, negationScope, negationReplace, negationCharNgrams })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var options = method.Apply(parse, new TrainerOptions
            {
                Featurizer = new FeaturizerOptions
                {
                    Buckets = parse.GetValue(buckets),
                    CharNgramMin = parse.GetValue(minn),
                    CharNgramMax = parse.GetValue(maxn),
                    ContextNgrams = parse.GetValue(context) is null ? 0 : parse.GetValue(contextNgrams),
                    ContextLastSentence = parse.GetValue(context) is not null && parse.GetValue(contextLastSentence),
                    ContextPairWords = parse.GetValue(context) is null ? 0 : parse.GetValue(contextPairWords),
                    NegationScope = parse.GetValue(negationScope),
                    NegationReplaces = parse.GetValue(negationScope) > 0 && parse.GetValue(negationReplace),
                    NegationCharNgrams = parse.GetValue(negationScope) > 0 && parse.GetValue(negationCharNgrams),
                },
                Dim = parse.GetValue(dim),
                MaxEpochs = parse.GetValue(epochs),
                Patience = parse.GetValue(patience),
                FeatureDropout = parse.GetValue(dropout),
                LearningRate = parse.GetValue(learningRate),
                Seed = parse.GetValue(seed),
                MultiLabel = parse.GetValue(multiLabel),
                OosLabel = parse.GetValue(data.OosLabel),
            });
            return CliErrors.Run(parse, (output, error) =>
            {
                var (text, label) = (parse.GetRequiredValue(data.Text), parse.GetRequiredValue(data.Label));
                var contextField = parse.GetValue(context);
                var train = DatasetReader.Read(parse.GetRequiredValue(data.Data).FullName, text, label, contextField);
                var devSet = parse.GetValue(dev) is { } devFile ? DatasetReader.Read(devFile.FullName, text, label, contextField) : null;
                error.WriteLine($"read {train.Examples.Count} rows ({train.SkippedRows} skipped: empty text or label)");
                var model = EmbeddingBagTrainer.Train(train.Examples, options, devSet?.Examples, train.Sha256, error.WriteLine);
                var directory = parse.GetRequiredValue(outDir).FullName;
                ModelDirectory.Save(directory, model);
                var metrics = string.Join(", ", model.Metadata.DevMetrics.Select(m => $"{m.Key} {m.Value:F4}"));
                output.WriteLine($"model written to {directory}: {model.Metadata.Labels.Length} labels, {model.Metadata.Epochs} epochs; dev {metrics}");
            });
        });
        return command;
    }
}
