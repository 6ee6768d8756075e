using System.Text.Json;
using SalesCoach.Inference.Featurization;
using SalesCoach.Inference.Runtime;
using SalesCoach.Inference.Training;

namespace SalesCoach.Coaching.Signals;

/// <summary>
/// The decision rule of one signal model version, built from its own metadata (labels, tuned
/// per-label thresholds, featurizer settings). Each reported score is rescaled so that the label's
/// threshold sits at 0.5 and 1 stays 1, which lets a playbook's <c>signalScore</c> (default 0.5) mean
/// "the model's tuned threshold" and higher values ask for more confidence. The model's extra
/// "none" label (what no signal looks like in training) is never reported. Thread-safe: the
/// featurizer buffers are per thread; the session is passed in, so one rule serves any lease.
/// </summary>
public sealed class SignalModel
{
    public const string NoSignalLabel = "none";

    private readonly TextFeaturizer _featurizer;
    private readonly ThreadLocal<(FeatureBuffer Buffer, float[] Scores)> _perThread;

    public SignalModel(ModelMetadata metadata)
    {
        if (!metadata.MultiLabel || metadata.Thresholds.Length != metadata.Labels.Length)
        {
            throw new InvalidDataException("A signal model must be multi-label with one threshold per label.");
        }

        Metadata = metadata;
        _featurizer = new TextFeaturizer(metadata.Featurizer);
        _perThread = new(() => (_featurizer.CreateBuffer(), new float[metadata.Labels.Length]));
    }

    public ModelMetadata Metadata { get; }

    /// <summary>Reads the rule from a registered version's manifest (the whole model.json).</summary>
    public static SignalModel FromManifest(string manifestJson)
    {
        try
        {
            return new SignalModel(JsonSerializer.Deserialize<ModelMetadata>(manifestJson, ModelDirectory.Json)
                ?? throw new InvalidDataException("The model manifest is empty."));
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"The model manifest is not a model.json: {error.Message}");
        }
    }

    public IReadOnlyList<SignalScore> Classify(InferenceSession session, string text)
    {
        var (buffer, scores) = _perThread.Value;
        var count = _featurizer.Featurize(text, buffer);
        // An empty text still needs one column: a padding id with weight 0 leaves only the bias.
        var n = Math.Max(count, 1);
        var ids = new long[n];
        var weights = new float[n];
        buffer.IdSpan.CopyTo(ids);
        buffer.WeightSpan.CopyTo(weights);
        session.Score(ids, weights, 1, scores);

        List<SignalScore>? labels = null;
        var top = DecisionRule.TopLabel(scores, -1, 0f);
        for (var i = 0; i < scores.Length; i++)
        {
            var threshold = Metadata.Thresholds[i];
            if (DecisionRule.IsOn(scores, Metadata.Thresholds, Metadata.SecondaryThreshold, top, i) && Metadata.Labels[i] != NoSignalLabel)
            {
                var rescaled = threshold >= 1f ? 1f : 0.5f + (0.5f * (scores[i] - threshold) / (1f - threshold));
                (labels ??= []).Add(new SignalScore(Metadata.Labels[i], MathF.Round(rescaled, 4)));
            }
        }

        return labels ?? (IReadOnlyList<SignalScore>)[];
    }
}
