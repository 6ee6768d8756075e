using SalesCoach.Inference.Data;
using SalesCoach.Inference.Evaluation;
using SalesCoach.Inference.Featurization;
using SalesCoach.Inference.Models;

namespace SalesCoach.Inference.Training;

public sealed record TrainedModel(EmbeddingBagClassifier Classifier, ModelMetadata Metadata);

/// <summary>
/// Trains fastText-style classifiers: hashed n-gram embeddings averaged, a linear layer, softmax
/// (multi-class) or per-label sigmoid (multi-label); plain SGD with a linearly decaying step,
/// early stopping on a dev set, then thresholds tuned on that dev set. Or, with
/// <see cref="TrainingMethod.LinearSvm"/>, one linear SVM per label (<see cref="LinearSvm"/>), with the same
/// thresholds and the same model file. Single-threaded and seeded, so the same data, options and seed give the
/// same weights bit for bit.
/// </summary>
public static class EmbeddingBagTrainer
{
    public static TrainedModel Train(
        IReadOnlyList<LabeledExample> train, TrainerOptions options,
        IReadOnlyList<LabeledExample>? dev = null, string? trainingDataSha256 = null, Action<string>? log = null)
    {
        options.Validate();
        var labels = train.SelectMany(e => e.Labels).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (labels.Length < 2)
        {
            throw new ArgumentException("Training needs at least two distinct labels.");
        }

        if (!options.MultiLabel && train.Any(e => e.Labels.Length != 1))
        {
            throw new ArgumentException("A row has several labels: pass --multi-label, or give one label per row.");
        }

        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i);
        var featurizer = new TextFeaturizer(options.Featurizer);
        if (train.Count(e => e.Context is not null) is var withContext and > 0)
        {
            log?.Invoke(options.Featurizer.ContextNgrams > 0
                ? $"{withContext} training rows carry a context (the other side's previous turn)"
                : $"{withContext} training rows carry a context, which the featurizer ignores (context n-grams off)");
        }

        var rows = train.Select(e => (e.Text, e.Context, e.Labels.Select(l => index[l]).Order().ToArray())).ToList();
        List<(string, string?, int[])> devRows;
        if (dev is not null)
        {
            var unknown = dev.SelectMany(e => e.Labels).FirstOrDefault(l => !index.ContainsKey(l));
            if (unknown is not null)
            {
                throw new ArgumentException($"Dev label '{unknown}' does not occur in the training data.");
            }

            devRows = [.. dev.Select(e => (e.Text, e.Context, e.Labels.Select(l => index[l]).Order().ToArray()))];
        }
        else
        {
            var (trainIdx, devIdx) = DevSplit.Stratified([.. rows.Select(r => r.Item3)], options.DevFraction, options.Seed);
            devRows = [.. devIdx.Select(i => rows[i])];
            rows = [.. trainIdx.Select(i => rows[i])];
        }

        var trainSet = new FeaturizedSet(featurizer, rows);
        var devSet = new FeaturizedSet(featurizer, devRows);
        var (best, epochs) = options.Method == TrainingMethod.LinearSvm
            ? LinearSvm.Train(trainSet, labels.Length, options, log)
            : EpochLoop.Run(Initialise(options, labels.Length), trainSet, devSet, options, log);

        var devScores = EpochLoop.Score(best, devSet);
        var oosIndex = options.OosLabel is null ? -1 : index.GetValueOrDefault(options.OosLabel, -1);
        if (options.OosLabel is not null && oosIndex < 0)
        {
            log?.Invoke($"out-of-scope label '{options.OosLabel}' has no training rows: only the score threshold rejects");
        }

        var metadata = new ModelMetadata
        {
            Labels = labels,
            MultiLabel = options.MultiLabel,
            Thresholds = options.MultiLabel ? ThresholdTuner.PerLabel(devScores, devSet.Labels, labels.Length) : [],
            OosLabel = options.OosLabel,
            Featurizer = options.Featurizer,
            Method = options.Method,
            Dim = best.Dim,
            Seed = options.Seed,
            TrainingDataSha256 = trainingDataSha256,
            TrainExamples = trainSet.Count,
            DevExamples = devSet.Count,
            Epochs = epochs,
            LearningRate = options.LearningRate,
            Languages = DetectLanguages(train),
        };
        if (oosIndex >= 0)
        {
            int[] devGold = [.. devSet.Labels.Select(l => l[0])];
            metadata = metadata with { OosThreshold = ThresholdTuner.OutOfScope(devScores, devGold, oosIndex) };
            foreach (var (t, inScope, recall) in ThresholdTuner.OutOfScopeCurve(devScores, devGold, oosIndex).Where((_, i) => i % 10 == 0))
            {
                log?.Invoke($"dev at out-of-scope threshold {t:F2}: in-scope accuracy {inScope:F4}, out-of-scope recall {recall:F4}");
            }
        }

        if (options.MultiLabel)
        {
            metadata = metadata with { SecondaryThreshold = ThresholdTuner.Secondary(devScores, devSet.Labels, metadata.Thresholds, labels) };
            log?.Invoke($"dev-tuned secondary threshold {metadata.SecondaryThreshold:F1}");
        }

        return new TrainedModel(best, metadata with { DevMetrics = DevMetrics(devScores, devSet, metadata) });
    }

    private static EmbeddingBagClassifier Initialise(TrainerOptions options, int labelCount)
    {
        var buckets = options.Featurizer.Buckets;
        var random = new Random(options.Seed);
        var embeddings = new float[(long)buckets * options.Dim];
        var scale = 1f / options.Dim;
        for (var i = 0; i < embeddings.Length; i++)
        {
            embeddings[i] = (float)((random.NextDouble() * 2 - 1) * scale);
        }

        return new EmbeddingBagClassifier(buckets, options.Dim, labelCount, embeddings,
            new float[options.Dim * labelCount], new float[labelCount],
            options.MultiLabel ? OutputActivation.Sigmoid : OutputActivation.Softmax);
    }

    private static Dictionary<string, double> DevMetrics(List<float[]> scores, FeaturizedSet dev, ModelMetadata metadata)
    {
        var predicted = scores.Select(s => DecisionRule.Decide(s, metadata)).ToList();
        var report = MetricsCalculator.Compute(dev.Labels, predicted, metadata.Labels, metadata.OosIndex);
        var metrics = new Dictionary<string, double> { ["accuracy"] = report.Accuracy, ["macroF1"] = report.MacroF1 };
        if (report.OosRecall is { } recall)
        {
            metrics["oosRecall"] = recall;
        }

        if (report.InScopeAccuracy is { } inScope)
        {
            metrics["inScopeAccuracy"] = inScope;
        }

        return metrics;
    }

    /// <summary>Languages of at least 5% of (up to 2,000) training texts, most frequent first.</summary>
    private static string[] DetectLanguages(IReadOnlyList<LabeledExample> train)
    {
        var detected = train.Take(2000).Select(e => LanguageDetector.Detect(e.Text).Language).ToList();
        return [.. detected
            .Where(l => l != LanguageDetector.Undetermined)
            .GroupBy(l => l)
            .Where(g => g.Count() >= 0.05 * detected.Count)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)];
    }
}
