using SalesCoach.Inference.Models;

namespace SalesCoach.Inference.Training;

/// <summary>
/// The SGD epochs with a linearly decaying step, scored on dev after each epoch; keeps the best
/// epoch's weights and stops after <see cref="TrainerOptions.Patience"/> epochs without progress.
/// </summary>
internal static class EpochLoop
{
    private const int MinStepsBeforeStopping = 10_000;

    public static (EmbeddingBagClassifier Best, int Epochs) Run(
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

    public static List<float[]> Score(EmbeddingBagClassifier model, FeaturizedSet set)
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

    private static EmbeddingBagClassifier Copy(EmbeddingBagClassifier m) => m with
    {
        Embeddings = (float[])m.Embeddings.Clone(),
        Output = (float[])m.Output.Clone(),
        Bias = (float[])m.Bias.Clone(),
        FeatureWeights = (float[]?)m.FeatureWeights?.Clone(),
    };
}
