using SalesCoach.Inference.Data;
using SalesCoach.Inference.Evaluation;
using SalesCoach.Inference.Featurization;
using SalesCoach.Inference.Models;

namespace SalesCoach.Inference.Training;

public sealed record TrainedModel(EmbeddingBagClassifier Classifier, ModelMetadata Metadata);

/// <summary>
/// Trains fastText-style classifiers: hashed n-gram embeddings averaged, a linear layer, softmax
/// (multi-class) or per-label sigmoid (multi-label); plain SGD with a linearly decaying step,
/// early stopping on a dev set, then thresholds tuned on that dev set. Single-threaded and
/// seeded, so the same data, options and seed give the same weights bit for bit.
/// </summary>
public static class EmbeddingBagTrainer
{
    private const int MinStepsBeforeStopping = 10_000;

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
        var rows = train.Select(e => (e.Text, e.Labels.Select(l => index[l]).Order().ToArray())).ToList();
        List<(string, int[])> devRows;
        if (dev is not null)
        {
            var unknown = dev.SelectMany(e => e.Labels).FirstOrDefault(l => !index.ContainsKey(l));
            if (unknown is not null)
            {
                throw new ArgumentException($"Dev label '{unknown}' does not occur in the training data.");
            }

            devRows = [.. dev.Select(e => (e.Text, e.Labels.Select(l => index[l]).Order().ToArray()))];
        }
        else
        {
            var (trainIdx, devIdx) = DevSplit.Stratified([.. rows.Select(r => r.Item2)], options.DevFraction, options.Seed);
            devRows = [.. devIdx.Select(i => rows[i])];
            rows = [.. trainIdx.Select(i => rows[i])];
        }

        var trainSet = new FeaturizedSet(featurizer, rows);
        var devSet = new FeaturizedSet(featurizer, devRows);
        var model = Initialise(options, labels.Length);
        var (best, epochs) = RunEpochs(model, trainSet, devSet, options, log);

        var devScores = Score(best, devSet);
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
            Dim = options.Dim,
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
            metadata = metadata with { OosThreshold = ThresholdTuner.OutOfScope(devScores, [.. devSet.Labels.Select(l => l[0])], oosIndex) };
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

    private static (EmbeddingBagClassifier Best, int Epochs) RunEpochs(
        EmbeddingBagClassifier model, FeaturizedSet train, FeaturizedSet dev, TrainerOptions options, Action<string>? log)
    {
        var random = new Random(options.Seed + 1);
        var order = Enumerable.Range(0, train.Count).ToArray();
        var step = new SgdStep(model, options.FeatureDropout, new Random(options.Seed + 2));
        var total = (double)options.MaxEpochs * train.Count;
        var done = 0L;
        EmbeddingBagClassifier? best = null;
        var bestScore = double.NegativeInfinity;
        var bestEpoch = 0;
        // Small sets sit at chance for the first thousand-odd steps (zero-initialised output
        // layer): no early stopping before that many updates.
        var minEpochs = Math.Min(options.MaxEpochs, Math.Max(5, (int)Math.Ceiling((double)MinStepsBeforeStopping / Math.Max(1, train.Count))));
        for (var epoch = 1; epoch <= options.MaxEpochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var row in order)
            {
                var learningRate = (float)(options.LearningRate * (1 - done++ / total));
                step.Apply(train.Features(row), train.Labels[row], learningRate);
            }

            var score = dev.Count == 0 ? epoch : DevScore(model, dev);
            log?.Invoke($"epoch {epoch}: dev {(dev.Count == 0 ? "n/a" : score.ToString("F4"))}");
            if (score > bestScore)
            {
                (bestScore, bestEpoch) = (score, epoch);
                best = Copy(model);
            }
            else if (epoch >= minEpochs && epoch - bestEpoch >= options.Patience)
            {
                break;
            }
        }

        return (best!, bestEpoch);
    }

    /// <summary>Early-stopping signal: top-1 accuracy (multi-class) or micro-F1 at 0.5 (multi-label).</summary>
    private static double DevScore(EmbeddingBagClassifier model, FeaturizedSet dev)
    {
        var scores = Score(model, dev);
        int tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < dev.Count; i++)
        {
            var predicted = model.Activation == OutputActivation.Softmax
                ? [DecisionRule.TopLabel(scores[i], -1, 0f)]
                : DecisionRule.LabelsOver(scores[i], Enumerable.Repeat(0.5f, model.LabelCount).ToArray());
            var hits = predicted.Count(dev.Labels[i].Contains);
            tp += hits;
            fp += predicted.Length - hits;
            fn += dev.Labels[i].Length - hits;
        }

        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    private static List<float[]> Score(EmbeddingBagClassifier model, FeaturizedSet set)
    {
        var hidden = new float[model.Dim];
        var result = new List<float[]>(set.Count);
        for (var i = 0; i < set.Count; i++)
        {
            var scores = new float[model.LabelCount];
            ManagedForward.Hidden(model, set.Features(i), hidden);
            ManagedForward.Scores(model, hidden, scores);
            result.Add(scores);
        }

        return result;
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

    private static string[] DetectLanguages(IReadOnlyList<LabeledExample> train) => [.. train
        .Take(2000)
        .Select(e => LanguageDetector.Detect(e.Text).Language)
        .Where(l => l != LanguageDetector.Undetermined)
        .GroupBy(l => l).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => g.Key)];

    private static EmbeddingBagClassifier Copy(EmbeddingBagClassifier m) => m with
    {
        Embeddings = (float[])m.Embeddings.Clone(),
        Output = (float[])m.Output.Clone(),
        Bias = (float[])m.Bias.Clone(),
    };
}
