using SalesCoach.Inference.Runtime;

namespace SalesCoach.Inference.Onnx;

/// <summary>
/// The subset of ONNX's ModelProto we write (field numbers from onnx.proto). IR version 8 with
/// opset 17 is what Debian's python3-onnx 1.12 checker knows and ONNX Runtime 1.30 runs.
/// </summary>
public sealed record OnnxModel(OnnxGraph Graph)
{
    public long IrVersion { get; init; } = 8;

    public long Opset { get; init; } = 17;

    public string ProducerName { get; init; } = "SalesCoach";

    public string ProducerVersion { get; init; } = "1";

    public string Domain { get; init; } = "ai.salescoach";

    public long ModelVersion { get; init; } = 1;

    public string DocString { get; init; } = "";

    /// <summary>Written as <c>metadata_props</c>; ONNX Runtime exposes them as custom metadata.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}

public sealed record OnnxGraph(
    string Name,
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyList<OnnxValueInfo> Inputs,
    IReadOnlyList<OnnxValueInfo> Outputs,
    IReadOnlyList<OnnxInitializer> Initializers,
    string DocString = "");

public sealed record OnnxNode(string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, string Name)
{
    public IReadOnlyList<OnnxAttribute> Attributes { get; init; } = [];
}

/// <summary>A node attribute: one of int, float, string or ints is set.</summary>
public sealed record OnnxAttribute(string Name)
{
    public long? Int { get; init; }

    public float? Float { get; init; }

    public string? String { get; init; }

    public IReadOnlyList<long>? Ints { get; init; }

    public static OnnxAttribute Of(string name, long value) => new(name) { Int = value };

    public static OnnxAttribute Of(string name, float value) => new(name) { Float = value };

    public static OnnxAttribute Of(string name, string value) => new(name) { String = value };

    public static OnnxAttribute Of(string name, IReadOnlyList<long> values) => new(name) { Ints = values };
}

/// <summary>A graph input or output: element type and shape, where a dimension is a fixed size or a named (dynamic) one.</summary>
public sealed record OnnxValueInfo(string Name, TensorElementType ElementType, IReadOnlyList<OnnxDimension> Shape, string DocString = "");

public readonly record struct OnnxDimension(long? Size, string? Parameter)
{
    public static OnnxDimension Fixed(long size) => new(size, null);

    public static OnnxDimension Dynamic(string name) => new(null, name);
}

/// <summary>A constant tensor (weights), stored little-endian in <c>raw_data</c>.</summary>
public sealed record OnnxInitializer(string Name, IReadOnlyList<long> Dims)
{
    public float[]? Floats { get; init; }

    public long[]? Int64s { get; init; }

    public TensorElementType ElementType => Floats is not null ? TensorElementType.Float : TensorElementType.Int64;

    public static OnnxInitializer FromFloats(string name, float[] data, params long[] dims) => new(name, dims) { Floats = data };

    public static OnnxInitializer FromInt64s(string name, long[] data, params long[] dims) => new(name, dims) { Int64s = data };
}
