using SalesCoach.Inference.Models;

namespace SalesCoach.Inference.Runtime;

/// <summary>Runs an exported <see cref="EmbeddingBagClassifier"/> graph: feature ids and weights in, scores out.</summary>
public static class EmbeddingBagSession
{
    /// <summary>Scores a row-major [batch, n] block of ids and weights; returns [batch, labels] scores.</summary>
    public static float[] Score(this InferenceSession session, long[] ids, float[] weights, int batch = 1)
    {
        if (batch <= 0 || ids.Length % batch != 0)
        {
            throw new ArgumentException($"{ids.Length} ids do not split into {batch} rows.", nameof(batch));
        }

        var n = ids.Length / batch;
        var scores = session.Run(
            EmbeddingBagClassifier.ScoresOutput,
            new NamedTensor(EmbeddingBagClassifier.IdsInput, TensorValue.FromInt64(ids, batch, n)),
            new NamedTensor(EmbeddingBagClassifier.WeightsInput, TensorValue.FromFloats(weights, batch, n)));
        return scores.AsFloats().ToArray();
    }
}
