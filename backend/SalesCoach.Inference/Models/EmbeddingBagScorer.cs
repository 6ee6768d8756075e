using System.Buffers;
using System.Numerics.Tensors;

namespace SalesCoach.Inference.Models;

/// <summary>
/// The managed reference computation of <see cref="EmbeddingBagClassifier"/> (SIMD through
/// <see cref="TensorPrimitives"/>): what the trainer evaluates with and what ONNX Runtime's
/// output is checked against. Thread-safe: it keeps no state besides the model.
/// </summary>
public sealed class EmbeddingBagScorer(EmbeddingBagClassifier model)
{
    private const int StackLimit = 1024;

    public EmbeddingBagClassifier Model { get; } = model;

    /// <summary>Scores one text: <paramref name="ids"/> and <paramref name="weights"/> have the same length; scores has LabelCount.</summary>
    public void Score(ReadOnlySpan<long> ids, ReadOnlySpan<float> weights, Span<float> scores)
    {
        if (ids.Length != weights.Length)
        {
            throw new ArgumentException($"ids ({ids.Length}) and weights ({weights.Length}) differ in length.", nameof(weights));
        }

        if (scores.Length != Model.LabelCount)
        {
            throw new ArgumentException($"scores needs {Model.LabelCount} slots, got {scores.Length}.", nameof(scores));
        }

        var dim = Model.Dim;
        float[]? rented = null;
        var hidden = dim <= StackLimit ? stackalloc float[dim] : (rented = ArrayPool<float>.Shared.Rent(dim)).AsSpan(0, dim);
        try
        {
            hidden.Clear();
            var embeddings = Model.Embeddings.AsSpan();
            var featureWeights = Model.FeatureWeights;
            var scale = featureWeights is null ? 1f : 1f / Norm(featureWeights, ids, weights);
            for (var j = 0; j < ids.Length; j++)
            {
                var weight = weights[j];
                if (weight == 0f)
                {
                    continue; // padding
                }

                var id = CheckedId(ids[j]);
                if (featureWeights is not null)
                {
                    weight = featureWeights[id] * MathF.Sign(weight) * scale;
                }

                TensorPrimitives.MultiplyAdd(embeddings.Slice(id * dim, dim), weight, hidden, hidden);
            }

            var labels = Model.LabelCount;
            var output = Model.Output.AsSpan();
            Model.Bias.CopyTo(scores);
            for (var d = 0; d < dim; d++)
            {
                TensorPrimitives.MultiplyAdd(output.Slice(d * labels, labels), hidden[d], scores, scores);
            }

            if (Model.Activation == OutputActivation.Softmax)
            {
                // exp() overflows past 88: shift by the max first (same result, no inf/inf = NaN).
                TensorPrimitives.Subtract(scores, TensorPrimitives.Max(scores), scores);
                TensorPrimitives.SoftMax(scores, scores);
            }
            else
            {
                TensorPrimitives.Sigmoid(scores, scores);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The contract's per-text norm over real features (ids checked here, before any is used as an index).</summary>
    private float Norm(float[] featureWeights, ReadOnlySpan<long> ids, ReadOnlySpan<float> weights)
    {
        var sum = 0f;
        for (var j = 0; j < ids.Length; j++)
        {
            if (weights[j] != 0f)
            {
                var w = featureWeights[CheckedId(ids[j])];
                sum += w * w;
            }
        }

        return MathF.Sqrt(MathF.Max(sum, EmbeddingBagClassifier.MinSquaredNorm));
    }

    private int CheckedId(long id) => (ulong)id < (ulong)Model.Buckets
        ? (int)id
        : throw new ArgumentOutOfRangeException("ids", $"Feature id {id} is outside [0, {Model.Buckets}).");

    public float[] Score(ReadOnlySpan<long> ids, ReadOnlySpan<float> weights)
    {
        var scores = new float[Model.LabelCount];
        Score(ids, weights, scores);
        return scores;
    }

    /// <summary>Scores a [batch, n] block laid out row-major, the same layout as the ONNX inputs; scores is [batch, LabelCount].</summary>
    public void ScoreBatch(ReadOnlySpan<long> ids, ReadOnlySpan<float> weights, int batch, Span<float> scores)
    {
        if (batch <= 0 || ids.Length % batch != 0 || ids.Length != weights.Length || scores.Length != batch * Model.LabelCount)
        {
            throw new ArgumentException("ids, weights and scores do not form [batch, n] and [batch, labels] blocks.", nameof(batch));
        }

        var n = ids.Length / batch;
        for (var b = 0; b < batch; b++)
        {
            Score(ids.Slice(b * n, n), weights.Slice(b * n, n), scores.Slice(b * Model.LabelCount, Model.LabelCount));
        }
    }
}
