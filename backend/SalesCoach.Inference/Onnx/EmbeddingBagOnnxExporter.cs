using System.Globalization;
using SalesCoach.Inference.Models;
using SalesCoach.Inference.Runtime;

namespace SalesCoach.Inference.Onnx;

/// <summary>
/// Writes an <see cref="EmbeddingBagClassifier"/> as an ONNX graph computing exactly the contract's maths:
/// <c>Gather(embeddings, ids) * Unsqueeze(weights, 2) -> ReduceSum(axis 1) -> MatMul(output) -> Add(bias) -> Softmax | Sigmoid</c>;
/// with feature weights, the weights first become <c>Gather(feature_weights, ids) * Sign(weights)</c> divided by their L2 norm.
/// </summary>
public static class EmbeddingBagOnnxExporter
{
    /// <summary>Metadata keys the exporter always writes (besides the caller's own).</summary>
    public const string ActivationKey = "salescoach.activation";
    public const string BucketsKey = "salescoach.buckets";
    public const string DimKey = "salescoach.dim";
    public const string LabelCountKey = "salescoach.label_count";

    public static byte[] Export(EmbeddingBagClassifier model, IReadOnlyDictionary<string, string>? metadata = null) =>
        OnnxModelWriter.Write(ToOnnxModel(model, metadata));

    public static OnnxModel ToOnnxModel(EmbeddingBagClassifier model, IReadOnlyDictionary<string, string>? metadata = null)
    {
        Validate(model);
        var batch = OnnxDimension.Dynamic("batch");
        var givenWeights = model.FeatureWeights is null;
        var nodes = new List<OnnxNode>();
        var initializers = new List<OnnxInitializer>();
        var weights = EmbeddingBagClassifier.WeightsInput;
        if (model.FeatureWeights is { } featureWeights)
        {
            // Each real feature (weight != 0) weighs its feature weight; the text's weights are scaled to unit L2 norm.
            nodes.AddRange(
            [
                new("Gather", ["feature_weights", EmbeddingBagClassifier.IdsInput], ["feature_weights_gathered"], "gather_feature_weights") { Attributes = [OnnxAttribute.Of("axis", 0L)] },
                new("Sign", [EmbeddingBagClassifier.WeightsInput], ["real_features"], "mark_real_features"),
                new("Mul", ["feature_weights_gathered", "real_features"], ["raw_weights"], "drop_padding"),
                new("Mul", ["raw_weights", "raw_weights"], ["squared_weights"], "square_weights"),
                new("ReduceSum", ["squared_weights", "axis_1"], ["squared_norm"], "sum_squares") { Attributes = [OnnxAttribute.Of("keepdims", 1L)] },
                new("Max", ["squared_norm", "min_squared_norm"], ["squared_norm_floored"], "floor_norm"),
                new("Sqrt", ["squared_norm_floored"], ["norm"], "norm"),
                new("Div", ["raw_weights", "norm"], ["normalized_weights"], "normalize_weights"),
            ]);
            initializers.Add(OnnxInitializer.FromFloats("feature_weights", featureWeights, model.Buckets));
            initializers.Add(OnnxInitializer.FromFloats("min_squared_norm", [EmbeddingBagClassifier.MinSquaredNorm], 1));
            weights = "normalized_weights";
        }

        nodes.AddRange(
        [
            new("Gather", ["embeddings", EmbeddingBagClassifier.IdsInput], ["gathered"], "gather_rows") { Attributes = [OnnxAttribute.Of("axis", 0L)] },
            new("Unsqueeze", [weights, "axis_2"], ["weights_3d"], "weights_to_3d"),
            new("Mul", ["gathered", "weights_3d"], ["weighted"], "weight_rows"),
            new("ReduceSum", ["weighted", "axis_1"], ["hidden"], "sum_rows") { Attributes = [OnnxAttribute.Of("keepdims", 0L)] },
            new("MatMul", ["hidden", "output"], ["logits_raw"], "project"),
            new("Add", ["logits_raw", "bias"], ["logits"], "add_bias"),
            model.Activation == OutputActivation.Softmax
                ? new OnnxNode("Softmax", ["logits"], [EmbeddingBagClassifier.ScoresOutput], "activate") { Attributes = [OnnxAttribute.Of("axis", -1L)] }
                : new OnnxNode("Sigmoid", ["logits"], [EmbeddingBagClassifier.ScoresOutput], "activate"),
        ]);
        var graph = new OnnxGraph(
            "embedding_bag_classifier",
            nodes,
            [
                new(EmbeddingBagClassifier.IdsInput, TensorElementType.Int64, [batch, OnnxDimension.Dynamic("features")], "hashed feature ids in [0, buckets)"),
                new(EmbeddingBagClassifier.WeightsInput, TensorElementType.Float, [batch, OnnxDimension.Dynamic("features")],
                    givenWeights ? "1/count per real feature, 0 for padding" : "non-zero for a real feature, 0 for padding (the model weighs features itself)"),
            ],
            [new(EmbeddingBagClassifier.ScoresOutput, TensorElementType.Float, [batch, OnnxDimension.Fixed(model.LabelCount)], $"{model.Activation} scores per label")],
            [
                OnnxInitializer.FromFloats("embeddings", model.Embeddings, model.Buckets, model.Dim),
                OnnxInitializer.FromFloats("output", model.Output, model.Dim, model.LabelCount),
                OnnxInitializer.FromFloats("bias", model.Bias, model.LabelCount),
                OnnxInitializer.FromInt64s("axis_1", [1], 1),
                OnnxInitializer.FromInt64s("axis_2", [2], 1),
                .. initializers,
            ],
            givenWeights
                ? "Weighted bag of hashed n-gram embeddings, then a linear layer."
                : "Bag of hashed n-gram embeddings weighted by feature weight (unit L2 per text), then a linear layer.");

        var props = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [ActivationKey] = model.Activation.ToString(),
            [BucketsKey] = model.Buckets.ToString(CultureInfo.InvariantCulture),
            [DimKey] = model.Dim.ToString(CultureInfo.InvariantCulture),
            [LabelCountKey] = model.LabelCount.ToString(CultureInfo.InvariantCulture),
        };
        return new OnnxModel(graph)
        {
            DocString = $"SalesCoach text classifier ({model.LabelCount} labels, {model.Activation}).",
            Metadata = props,
        };
    }

    private static void Validate(EmbeddingBagClassifier model)
    {
        if (model.Buckets <= 0 || model.Dim <= 0 || model.LabelCount <= 0)
        {
            throw new ArgumentException($"Buckets, Dim and LabelCount must be positive (got {model.Buckets}, {model.Dim}, {model.LabelCount}).", nameof(model));
        }

        Expect(model.Embeddings.LongLength, (long)model.Buckets * model.Dim, nameof(model.Embeddings));
        Expect(model.Output.LongLength, (long)model.Dim * model.LabelCount, nameof(model.Output));
        Expect(model.Bias.LongLength, model.LabelCount, nameof(model.Bias));
        if (model.FeatureWeights is { } featureWeights)
        {
            Expect(featureWeights.LongLength, model.Buckets, nameof(model.FeatureWeights));
        }
    }

    private static void Expect(long actual, long expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has {actual} values; the shape needs {expected}.", nameof(name));
        }
    }
}
