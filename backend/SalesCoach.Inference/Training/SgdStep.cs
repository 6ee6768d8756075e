using System.Numerics.Tensors;
using SalesCoach.Inference.Models;

namespace SalesCoach.Inference.Training;

/// <summary>
/// One stochastic gradient step of cross-entropy (softmax) or binary cross-entropy per label
/// (sigmoid), updating only the embedding rows the example touches (fastText's sparse update).
/// </summary>
internal sealed class SgdStep(EmbeddingBagClassifier model, float featureDropout, Random random)
{
    private int[] _kept = new int[256];

    private readonly float[] _hidden = new float[model.Dim];
    private readonly float[] _gradHidden = new float[model.Dim];
    private readonly float[] _scores = new float[model.LabelCount];

    public void Apply(ReadOnlySpan<int> ids, int[] labels, float learningRate)
    {
        if (featureDropout > 0f && ids.Length > 1)
        {
            ids = DropFeatures(ids);
        }

        ManagedForward.Hidden(model, ids, _hidden);
        ManagedForward.Scores(model, _hidden, _scores);

        // d loss / d logits = scores - target, for softmax + CE and for sigmoid + BCE alike.
        var grad = _scores.AsSpan();
        foreach (var label in labels)
        {
            grad[label] -= 1f;
        }

        var count = model.LabelCount;
        for (var d = 0; d < model.Dim; d++)
        {
            var row = model.Output.AsSpan(d * count, count);
            _gradHidden[d] = TensorPrimitives.Dot(row, grad);
            TensorPrimitives.MultiplyAdd(grad, -learningRate * _hidden[d], row, row);
        }

        TensorPrimitives.MultiplyAdd(grad, -learningRate, model.Bias, model.Bias);
        if (ids.Length == 0)
        {
            return;
        }

        var step = -learningRate / ids.Length;
        foreach (var id in ids)
        {
            var row = model.Embeddings.AsSpan(id * model.Dim, model.Dim);
            TensorPrimitives.MultiplyAdd(_gradHidden, step, row, row);
        }
    }

    /// <summary>
    /// Feature dropout: each step sees a random subset of the text's n-grams, so no single
    /// n-gram can carry a label alone (the regulariser a bag-of-n-grams model needs most).
    /// </summary>
    private ReadOnlySpan<int> DropFeatures(ReadOnlySpan<int> ids)
    {
        if (_kept.Length < ids.Length)
        {
            _kept = new int[ids.Length * 2];
        }

        var count = 0;
        foreach (var id in ids)
        {
            if (random.NextSingle() >= featureDropout)
            {
                _kept[count++] = id;
            }
        }

        if (count == 0)
        {
            _kept[count++] = ids[random.Next(ids.Length)];
        }

        return _kept.AsSpan(0, count);
    }
}
