using System.Numerics.Tensors;
using SalesCoach.Inference.Models;

namespace SalesCoach.Inference.Training;

/// <summary>
/// The contract's maths in the trainer's own form (int ids, uniform 1/count weights, SIMD
/// through TensorPrimitives); serving-shaped inputs go through <see cref="EmbeddingBagScorer"/>.
/// </summary>
public static class ManagedForward
{
    /// <summary>Training form: every feature weighs 1/count, or its feature weight over the text's L2 norm.</summary>
    public static void Hidden(EmbeddingBagClassifier model, ReadOnlySpan<int> ids, Span<float> hidden)
    {
        hidden.Clear();
        var dim = model.Dim;
        if (model.FeatureWeights is { } featureWeights)
        {
            var scale = 1f / NormOf(featureWeights, ids);
            foreach (var id in ids)
            {
                TensorPrimitives.MultiplyAdd(model.Embeddings.AsSpan(id * dim, dim), featureWeights[id] * scale, hidden, hidden);
            }

            return;
        }

        foreach (var id in ids)
        {
            TensorPrimitives.Add(model.Embeddings.AsSpan(id * dim, dim), hidden, hidden);
        }

        if (ids.Length > 0)
        {
            TensorPrimitives.Multiply(hidden, 1f / ids.Length, hidden);
        }
    }

    /// <summary>sqrt(max(sum of squared feature weights, floor)): the contract's per-text norm (every occurrence counts).</summary>
    public static float NormOf(float[] featureWeights, ReadOnlySpan<int> ids)
    {
        var sum = 0f;
        foreach (var id in ids)
        {
            sum += featureWeights[id] * featureWeights[id];
        }

        return MathF.Sqrt(MathF.Max(sum, EmbeddingBagClassifier.MinSquaredNorm));
    }

    /// <summary>scores = activation(hidden x Output + Bias); <paramref name="scores"/> holds the logits on the way.</summary>
    public static void Scores(EmbeddingBagClassifier model, ReadOnlySpan<float> hidden, Span<float> scores)
    {
        var labels = model.LabelCount;
        model.Bias.AsSpan().CopyTo(scores);
        for (var d = 0; d < hidden.Length; d++)
        {
            TensorPrimitives.MultiplyAdd(model.Output.AsSpan(d * labels, labels), hidden[d], scores, scores);
        }

        if (model.Activation == OutputActivation.Softmax)
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
}
