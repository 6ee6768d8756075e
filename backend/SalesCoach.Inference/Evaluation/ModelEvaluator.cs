using System.Diagnostics;
using SalesCoach.Inference.Data;
using SalesCoach.Inference.Training;

namespace SalesCoach.Inference.Evaluation;

/// <summary>Scores every example one at a time (batch 1, as serving does) and reports quality and latency.</summary>
public static class ModelEvaluator
{
    public static EvaluationReport Evaluate(
        ITextScorer scorer, ModelMetadata metadata, IReadOnlyList<LabeledExample> examples, string? oosLabel = null)
    {
        if (oosLabel is not null && metadata.OosLabel is not null && oosLabel != metadata.OosLabel)
        {
            throw new ArgumentException($"The model's out-of-scope label is '{metadata.OosLabel}', not '{oosLabel}'.");
        }

        // Gold labels the model never saw still count (support, recall); they are never predicted.
        var labels = metadata.Labels.ToList();
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i);
        int IndexOf(string label)
        {
            if (!index.TryGetValue(label, out var i))
            {
                index[label] = i = labels.Count;
                labels.Add(label);
            }

            return i;
        }

        var gold = examples.Select(e => e.Labels.Select(IndexOf).ToArray()).ToList();
        var oos = oosLabel ?? metadata.OosLabel;
        var oosIndex = oos is null ? -1 : IndexOf(oos);
        var scores = new float[metadata.Labels.Length];
        var predicted = new List<int[]>(examples.Count);
        var stopwatch = Stopwatch.StartNew();
        foreach (var example in examples)
        {
            scorer.Score(example.Text, example.Context, scores);
            predicted.Add(DecisionRule.Decide(scores, metadata));
        }

        stopwatch.Stop();
        var report = MetricsCalculator.Compute(gold, predicted, labels, oosIndex);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        return report with
        {
            LatencyMicroseconds = examples.Count == 0 ? null : seconds * 1e6 / examples.Count,
            UtterancesPerSecond = seconds <= 0 ? null : examples.Count / seconds,
        };
    }
}
