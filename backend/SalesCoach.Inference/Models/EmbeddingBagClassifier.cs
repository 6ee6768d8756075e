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
/// w[b, j]    = weights[b, j]                                       (no FeatureWeights)
///            = FeatureWeights[ids[b, j]] * sign(weights[b, j]) / sqrt(sum_k (FeatureWeights[ids[b, k]] * sign(weights[b, k]))^2)
///                                                                  (with FeatureWeights: idf-style weights, unit L2 per text)
/// hidden[b]  = sum_j w[b, j] * Embeddings[ids[b, j]]               (Dim)
/// logits[b]  = hidden[b] x Output + Bias                           (LabelCount)
/// scores[b]  = softmax(logits[b]) or sigmoid(logits[b])
/// </code>
/// The ONNX graph has inputs <c>ids</c> (int64 [batch, n]) and <c>weights</c> (float [batch, n];
/// 1/count for real features, 0 for padding) and one output <c>scores</c> (float [batch, LabelCount]),
/// whichever form the model takes, so serving never needs to know how a model was trained.
/// A linear model (<see cref="Training.LinearSvm"/>) is the special case Dim = LabelCount, Output = identity.
/// </summary>
/// <param name="Embeddings">Row-major [Buckets, Dim].</param>
/// <param name="Output">Row-major [Dim, LabelCount].</param>
/// <param name="Bias">[LabelCount].</param>
/// <param name="FeatureWeights">Optional [Buckets] weight per feature (inverse document frequency; 0 ignores the
/// feature); when set, the given weights only mark real features (non-zero) and padding (zero).</param>
public sealed record EmbeddingBagClassifier(
    int Buckets,
    int Dim,
    int LabelCount,
    float[] Embeddings,
    float[] Output,
    float[] Bias,
    OutputActivation Activation,
    float[]? FeatureWeights = null)
{
    /// <summary>Floor under the squared norm, so a text made only of unknown features scores as the bias alone.</summary>
    public const float MinSquaredNorm = 1e-12f;

    public const string IdsInput = "ids";
    public const string WeightsInput = "weights";
    public const string ScoresOutput = "scores";
}
