using SalesCoach.Inference.Featurization;
using SalesCoach.Inference.Models;
using SalesCoach.Inference.Runtime;
using SalesCoach.Inference.Training;

namespace SalesCoach.Inference.Evaluation;

/// <summary>
/// Featurize + ONNX Runtime run at batch 1: the serving path. The session is thread-safe; this
/// scorer's featurizer buffer is not, so use one scorer per thread over a shared session.
/// </summary>
public sealed class OnnxTextScorer(InferenceSession session, FeaturizerOptions featurizer) : ITextScorer
{
    private readonly TextFeaturizer _featurizer = new(featurizer);
    private readonly FeatureBuffer _buffer = new(featurizer.MaxFeatures);
    private float[] _scores = [];

    public static InferenceSession OpenSession(string modelDirectory) =>
        OnnxRuntime.Shared.CreateSession(ModelDirectory.ReadOnnx(modelDirectory), new InferenceSessionOptions { IntraOpThreads = 1 });

    public void Score(string text, Span<float> scores) => Score(text, null, scores);

    public void Score(string text, string? context, Span<float> scores)
    {
        var count = _featurizer.Featurize(text, context, _buffer);
        // An empty text still needs one column: a padding id with weight 0 leaves only the bias.
        var n = Math.Max(count, 1);
        var ids = new long[n];
        var weights = new float[n];
        _buffer.IdSpan.CopyTo(ids);
        _buffer.WeightSpan.CopyTo(weights);
        if (_scores.Length != scores.Length)
        {
            _scores = new float[scores.Length];
        }

        session.Score(ids, weights, 1, _scores);
        _scores.CopyTo(scores);
    }
}
