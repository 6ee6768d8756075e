using SalesCoach.Inference.Featurization;

namespace SalesCoach.Inference.Training;

/// <summary>
/// Everything besides the weights that serving needs (labels, featurizer settings, decision
/// thresholds) and that an auditor wants (seed, training data hash, dev metrics): model.json.
/// </summary>
public sealed record ModelMetadata
{
    public const string CurrentFormat = "salescoach-embeddingbag/1";

    public string Format { get; init; } = CurrentFormat;

    public required string[] Labels { get; init; }

    public bool MultiLabel { get; init; }

    /// <summary>Per-label decision thresholds (multi-label); empty for multi-class.</summary>
    public float[] Thresholds { get; init; } = [];

    /// <summary>
    /// Multi-label: a label other than the top-scoring one must also reach this score (0 = off).
    /// Tuned on dev; it stops a confident label from dragging weak companions over their own,
    /// often low, thresholds.
    /// </summary>
    public float SecondaryThreshold { get; init; }

    public string? OosLabel { get; init; }

    /// <summary>Below this top score a multi-class prediction becomes <see cref="OosLabel"/>.</summary>
    public float OosThreshold { get; init; }

    public required FeaturizerOptions Featurizer { get; init; }

    /// <summary>How the weights were learnt (absent in older files: the embedding bag).</summary>
    public TrainingMethod Method { get; init; }

    public int Dim { get; init; }

    public int Seed { get; init; }

    public string? TrainingDataSha256 { get; init; }

    public int TrainExamples { get; init; }

    public int DevExamples { get; init; }

    public int Epochs { get; init; }

    public float LearningRate { get; init; }

    /// <summary>Languages seen in the training data (detected), most frequent first.</summary>
    public string[] Languages { get; init; } = [];

    public Dictionary<string, double> DevMetrics { get; init; } = [];

    public int OosIndex => OosLabel is null ? -1 : Array.IndexOf(Labels, OosLabel);
}
