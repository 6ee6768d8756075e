namespace SalesCoach.Coaching.Signals;

/// <summary>
/// Scores utterances against the signal labels. Implementations return only labels over
/// their own decision thresholds; an empty list means no signal. Must be thread-safe.
/// </summary>
public interface ISignalClassifier
{
    /// <summary>What answers: a model name and version, or why none is loaded.</summary>
    string Description { get; }

    /// <summary>True when a trained model is loaded (false: only the rules layer detects signals).</summary>
    bool IsModelLoaded { get; }

    /// <summary>Labels of one utterance, by the model that serves <paramref name="tenantId"/> (its own, else the global default).</summary>
    IReadOnlyList<SignalScore> Classify(string tenantId, string text, string language);
}

/// <summary>
/// Used when no trained model is shipped or configured: detects nothing, so tips then come
/// from the rules layer and metric conditions only. Its description says so everywhere it shows.
/// </summary>
public sealed class NoModelSignalClassifier(string reason) : ISignalClassifier
{
    public string Description => $"no signal model loaded: {reason}";

    public bool IsModelLoaded => false;

    public IReadOnlyList<SignalScore> Classify(string tenantId, string text, string language) => [];
}
