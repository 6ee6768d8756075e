using SalesCoach.Inference.Models;

namespace SalesCoach.Inference.Runtime;

/// <summary>Runs an exported <see cref="EmbeddingBagClassifier"/> graph: feature ids and weights in, scores out.</summary>
public static class EmbeddingBagSession
{
    /// <summary>Scores a row-major [batch, n] block of ids and weights; returns [batch, labels] scores.</summary>
    public static float[] Score(this InferenceSession session, long[] ids, float[] weights, int batch = 1)
    {
        var labels = session.Outputs.Count == 1 && session.Outputs[0].Shape is [_, > 0 and var count]
            ? (int)count
            : throw new OnnxRuntimeException(OrtErrorCode.InvalidInput, $"The model's outputs ({string.Join(", ", session.Outputs)}) are not one [batch, labels] scores tensor.");
        var scores = new float[batch * labels];
        Score(session, ids, weights, batch, scores);
        return scores;
    }

    /// <summary>Scores into <paramref name="scores"/> ([batch, labels], row-major) without allocating an output.</summary>
    public static void Score(this InferenceSession session, long[] ids, float[] weights, int batch, float[] scores)
    {
        if (batch <= 0 || ids.Length % batch != 0 || scores.Length % batch != 0)
        {
            throw new ArgumentException($"{ids.Length} ids and {scores.Length} scores do not split into {batch} rows.", nameof(batch));
        }

        var n = ids.Length / batch;
        session.Run(
            [
                new NamedTensor(EmbeddingBagClassifier.IdsInput, TensorValue.FromInt64(ids, batch, n)),
                new NamedTensor(EmbeddingBagClassifier.WeightsInput, TensorValue.FromFloats(weights, batch, n)),
            ],
            [new NamedTensor(EmbeddingBagClassifier.ScoresOutput, TensorValue.FromFloats(scores, batch, scores.Length / batch))]);
    }
}
