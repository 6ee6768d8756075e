using SalesCoach.Inference.Evaluation;
using SalesCoach.Inference.Featurization;

namespace SalesCoach.Inference.Training;

/// <summary>A prediction: the decided labels and every label's score.</summary>
public sealed record Prediction(int[] Labels, float[] Scores);

/// <summary>
/// Featurizer + managed scorer + the model's decision rule: what evaluation and the managed
/// baseline use. Not thread-safe (it reuses its buffers); create one per thread.
/// </summary>
public sealed class TextClassifier(TrainedModel model) : ITextScorer
{
    private readonly TextFeaturizer _featurizer = new(model.Metadata.Featurizer);
    private readonly FeatureBuffer _buffer = new(model.Metadata.Featurizer.MaxFeatures);
    private readonly float[] _hidden = new float[model.Classifier.Dim];

    public TrainedModel Model => model;

    /// <summary>Featurizes and scores into <paramref name="scores"/> without allocating.</summary>
    public void Score(string text, Span<float> scores)
    {
        _featurizer.Featurize(text, _buffer);
        ManagedForward.Hidden(model.Classifier, _buffer.IdSpan, _buffer.WeightSpan, _hidden);
        ManagedForward.Scores(model.Classifier, _hidden, scores);
    }

    public Prediction Predict(string text)
    {
        var scores = new float[model.Classifier.LabelCount];
        Score(text, scores);
        return new Prediction(DecisionRule.Decide(scores, model.Metadata), scores);
    }
}
