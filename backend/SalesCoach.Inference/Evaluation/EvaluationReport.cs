namespace SalesCoach.Inference.Evaluation;

public sealed record LabelMetrics(double Precision, double Recall, double F1, int Support);

/// <summary>How often <see cref="Gold"/> was predicted as <see cref="Predicted"/>.</summary>
public sealed record ConfusionPair(string Gold, string Predicted, int Count);

/// <summary>Quality (and, when measured, latency) of a model on one labelled set.</summary>
public sealed record EvaluationReport
{
    /// <summary>Exact-match accuracy (for multi-label: the predicted set equals the gold set).</summary>
    public double Accuracy { get; init; }

    public double MacroF1 { get; init; }

    public Dictionary<string, LabelMetrics> PerLabel { get; init; } = [];

    /// <summary>Share of out-of-scope examples predicted out-of-scope (only with an OOS label).</summary>
    public double? OosRecall { get; init; }

    /// <summary>Accuracy over in-scope examples only (only with an OOS label).</summary>
    public double? InScopeAccuracy { get; init; }

    public List<ConfusionPair> TopConfusions { get; init; } = [];

    public int Examples { get; init; }

    /// <summary>Mean featurize + score time per utterance at batch 1, single thread.</summary>
    public double? LatencyMicroseconds { get; init; }

    public double? UtterancesPerSecond { get; init; }
}
