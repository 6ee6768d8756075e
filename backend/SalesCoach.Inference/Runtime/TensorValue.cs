using System.Runtime.InteropServices;

namespace SalesCoach.Inference.Runtime;

/// <summary>Element types of <c>ONNXTensorElementDataType</c> (values as in the header and in onnx.proto).</summary>
public enum TensorElementType
{
    Undefined = 0,
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Double = 11,
}

/// <summary>A dense row-major tensor held in managed memory: float or int64, the types our models use.</summary>
public sealed class TensorValue
{
    private readonly float[]? _floats;
    private readonly long[]? _int64s;

    private TensorValue(TensorElementType elementType, float[]? floats, long[]? int64s, long[] shape, int length)
    {
        if (shape.Any(d => d < 0))
        {
            throw new ArgumentException($"Tensor shape [{string.Join(", ", shape)}] has a negative dimension.", nameof(shape));
        }

        var count = shape.Aggregate(1L, (product, d) => product * d);
        if (count != length)
        {
            throw new ArgumentException($"Tensor shape [{string.Join(", ", shape)}] holds {count} elements but the data has {length}.", nameof(shape));
        }

        ElementType = elementType;
        _floats = floats;
        _int64s = int64s;
        Shape = shape;
    }

    public TensorElementType ElementType { get; }

    public IReadOnlyList<long> Shape { get; }

    public int Length => _floats?.Length ?? _int64s!.Length;

    public static TensorValue FromFloats(float[] data, params long[] shape) => new(TensorElementType.Float, data, null, shape, data.Length);

    public static TensorValue FromInt64(long[] data, params long[] shape) => new(TensorElementType.Int64, null, data, shape, data.Length);

    public ReadOnlySpan<float> AsFloats() => _floats ?? throw new InvalidOperationException($"The tensor holds {ElementType}, not Float.");

    public ReadOnlySpan<long> AsInt64() => _int64s ?? throw new InvalidOperationException($"The tensor holds {ElementType}, not Int64.");

    internal Array Data => (Array?)_floats ?? _int64s!;

    internal int ByteLength => _floats is not null ? _floats.Length * sizeof(float) : _int64s!.Length * sizeof(long);

    internal static unsafe TensorValue CopyFromNative(TensorElementType type, long[] shape, void* data)
    {
        var count = checked((int)shape.Aggregate(1L, (product, d) => product * d));
        switch (type)
        {
            case TensorElementType.Float:
                var floats = new float[count];
                new ReadOnlySpan<float>(data, count).CopyTo(floats);
                return FromFloats(floats, shape);
            case TensorElementType.Int64:
                var int64s = new long[count];
                new ReadOnlySpan<long>(data, count).CopyTo(int64s);
                return FromInt64(int64s, shape);
            default:
                throw new OnnxRuntimeException(OrtErrorCode.NotImplemented, $"Output tensors of type {type} are not supported (only Float and Int64).");
        }
    }

    internal GCHandle Pin() => GCHandle.Alloc(Data, GCHandleType.Pinned);
}

/// <summary>A tensor bound to a model input or output name.</summary>
public readonly record struct NamedTensor(string Name, TensorValue Value);

/// <summary>What a model declares for one input or output; -1 marks a dynamic dimension.</summary>
public sealed record TensorMetadata(string Name, TensorElementType ElementType, IReadOnlyList<long> Shape)
{
    public override string ToString() => $"{Name}: {ElementType} [{string.Join(", ", Shape.Select(d => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]";
}
