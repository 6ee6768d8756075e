using SalesCoach.Inference.Evaluation;
using SalesCoach.Inference.Runtime;
using SalesCoach.Inference.Training;

namespace SalesCoach.Coaching.Signals;

/// <summary>
/// One signal model read straight from a model directory (featurizer + session, batch 1), the same for
/// every tenant. The host serves signals through the registry (<see cref="RegistrySignalClassifier"/>);
/// this one is for tools that have no store, such as the in-process segment benchmark.
/// </summary>
public sealed class OnnxSignalClassifier : ISignalClassifier, IDisposable
{
    private readonly InferenceSession _session;
    private readonly SignalModel _model;

    public OnnxSignalClassifier(string modelDirectory)
    {
        var metadata = ModelDirectory.LoadMetadata(modelDirectory);
        _model = metadata.MultiLabel
            ? new SignalModel(metadata)
            : throw new InvalidDataException($"The signal model in {modelDirectory} must be multi-label.");
        _session = OnnxTextScorer.OpenSession(modelDirectory);
        Description = $"signal model ({metadata.Labels.Length} labels, {metadata.TrainExamples} training rows, data {metadata.TrainingDataSha256?[..12]})";
    }

    public string Description { get; }

    public bool IsModelLoaded => true;

    public IReadOnlyList<SignalScore> Classify(string tenantId, string text, string language) => _model.Classify(_session, text);

    public void Dispose() => _session.Dispose();
}
