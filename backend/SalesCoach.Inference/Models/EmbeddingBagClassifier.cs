namespace SalesCoach.Inference.Models;

public enum OutputActivation
{
    /// <summary>One label per text (multi-class).</summary>
    Softmax,

    /// <summary>Each label scored on its own (multi-label).</summary>
    Sigmoid,
}

/// <summary>
/// The maths of every text model we train (fastText kind), shared by the trainer, its
/// managed scorer and the ONNX exporter so the three cannot drift apart:
/// <code>
/// hidden[b]  = sum_j weights[b, j] * Embeddings[ids[b, j]]      (Dim)
/// logits[b]  = hidden[b] x Output + Bias                           (LabelCount)
/// scores[b]  = softmax(logits[b]) or sigmoid(logits[b])
/// </code>
/// The ONNX graph has inputs <c>ids</c> (int64 [batch, n]) and <c>weights</c> (float [batch, n];
/// 1/count for real features, 0 for padding) and one output <c>scores</c> (float [batch, LabelCount]).
/// </summary>
/// <param name="Embeddings">Row-major [Buckets, Dim].</param>
/// <param name="Output">Row-major [Dim, LabelCount].</param>
/// <param name="Bias">[LabelCount].</param>
public sealed record EmbeddingBagClassifier(
    int Buckets,
    int Dim,
    int LabelCount,
    float[] Embeddings,
    float[] Output,
    float[] Bias,
    OutputActivation Activation)
{
    public const string IdsInput = "ids";
    public const string WeightsInput = "weights";
    public const string ScoresOutput = "scores";
}
