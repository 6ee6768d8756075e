using SalesCoach.Inference.Evaluation;
using SalesCoach.Inference.Runtime;
using SalesCoach.Inference.Training;

namespace SalesCoach.Coaching.Signals;

/// <summary>
/// The trained signal model through ONNX Runtime (featurizer + session, batch 1). Labels come
/// from the model's own tuned per-label thresholds; each reported score is rescaled so that the
/// label's threshold sits at 0.5 and 1 stays 1, which lets a playbook's <c>signalScore</c> (default
/// 0.5) mean "the model's tuned threshold" and higher values ask for more confidence.
/// The model's extra "none" label (what no signal looks like in training) is never reported.
/// </summary>
public sealed class OnnxSignalClassifier : ISignalClassifier, IDisposable
{
    public const string NoSignalLabel = "none";

    private readonly InferenceSession _session;
    private readonly ModelMetadata _metadata;
    private readonly ThreadLocal<(OnnxTextScorer Scorer, float[] Scores)> _perThread;

    public OnnxSignalClassifier(string modelDirectory)
    {
        _metadata = ModelDirectory.LoadMetadata(modelDirectory);
        if (!_metadata.MultiLabel)
        {
            throw new InvalidDataException($"The signal model in {modelDirectory} must be multi-label.");
        }

        _session = OnnxTextScorer.OpenSession(modelDirectory);
        _perThread = new(() => (new OnnxTextScorer(_session, _metadata.Featurizer), new float[_metadata.Labels.Length]));
        Description = $"signal model ({_metadata.Labels.Length} labels, {_metadata.TrainExamples} training rows, data {_metadata.TrainingDataSha256?[..12]})";
    }

    public string Description { get; }

    public bool IsModelLoaded => true;

    public IReadOnlyList<SignalScore> Classify(string text, string language)
    {
        var (scorer, scores) = _perThread.Value;
        scorer.Score(text, scores);
        List<SignalScore>? labels = null;
        for (var i = 0; i < scores.Length; i++)
        {
            var threshold = _metadata.Thresholds[i];
            if (scores[i] >= threshold && _metadata.Labels[i] != NoSignalLabel)
            {
                var rescaled = threshold >= 1f ? 1f : 0.5f + (0.5f * (scores[i] - threshold) / (1f - threshold));
                (labels ??= []).Add(new SignalScore(_metadata.Labels[i], MathF.Round(rescaled, 4)));
            }
        }

        return labels ?? (IReadOnlyList<SignalScore>)[];
    }

    public void Dispose()
    {
        _perThread.Dispose();
        _session.Dispose();
    }
}
