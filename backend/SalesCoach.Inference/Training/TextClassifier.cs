using SalesCoach.Inference.Evaluation;
using SalesCoach.Inference.Featurization;
using SalesCoach.Inference.Models;

namespace SalesCoach.Inference.Training;

/// <summary>A prediction: the decided labels and every label's score.</summary>
public sealed record Prediction(int[] Labels, float[] Scores);

/// <summary>
/// Featurizer + the managed reference scorer (<see cref="EmbeddingBagScorer"/>) + the model's decision rule: what evaluation and the managed
/// baseline use. Not thread-safe (it reuses its buffers); create one per thread.
/// </summary>
public sealed class TextClassifier(TrainedModel model) : ITextScorer
{
    private readonly TextFeaturizer _featurizer = new(model.Metadata.Featurizer);
    private readonly FeatureBuffer _buffer = new(model.Metadata.Featurizer.MaxFeatures);
    private readonly EmbeddingBagScorer _scorer = new(model.Classifier);

    public TrainedModel Model => model;

    /// <summary>Featurizes and scores into <paramref name="scores"/> without allocating.</summary>
    public void Score(string text, Span<float> scores) => Score(text, null, scores);

    /// <summary>Featurizes (with the other side's previous turn, when the model reads context) and scores without allocating.</summary>
    public void Score(string text, string? context, Span<float> scores)
    {
        _featurizer.Featurize(text, context, _buffer);
        _scorer.Score(_buffer.IdSpan, _buffer.WeightSpan, scores);
    }

    public Prediction Predict(string text, string? context = null)
    {
        var scores = new float[model.Classifier.LabelCount];
        Score(text, context, scores);
        return new Prediction(DecisionRule.Decide(scores, model.Metadata), scores);
    }
}
