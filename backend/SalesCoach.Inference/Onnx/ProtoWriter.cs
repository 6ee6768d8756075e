using System.Buffers.Binary;
using System.Text;

namespace SalesCoach.Inference.Onnx;

/// <summary>
/// The protocol-buffers wire format, just the parts ONNX needs: varints (wire type 0), 32-bit
/// floats (5) and length-delimited strings, bytes, packed arrays and nested messages (2).
/// Fields at their default value are omitted, as proto3 encoders do.
/// </summary>
internal sealed class ProtoWriter
{
    private const int Varint = 0;
    private const int LengthDelimited = 2;
    private const int Fixed32 = 5;

    private readonly MemoryStream _buffer = new();

    public long Length => _buffer.Length;

    public byte[] ToArray() => _buffer.ToArray();

    public void WriteInt64(int field, long value)
    {
        if (value == 0)
        {
            return;
        }

        WriteTag(field, Varint);
        WriteVarint((ulong)value);
    }

    /// <summary>A varint written even when it is 0, for fields whose presence matters (oneof members, attribute values).</summary>
    public void WriteVarintAlways(int field, long value)
    {
        WriteTag(field, Varint);
        WriteVarint((ulong)value);
    }

    public void WriteString(int field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        WriteBytes(field, Encoding.UTF8.GetBytes(value));
    }

    /// <summary>A repeated string field: every element is written, empty ones too (names may be "" for skipped optional inputs).</summary>
    public void WriteRepeatedString(int field, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            WriteBytes(field, Encoding.UTF8.GetBytes(value));
        }
    }

    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, LengthDelimited);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    public void WriteFloat(int field, float value)
    {
        WriteTag(field, Fixed32);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    public void WritePackedInt64(int field, IReadOnlyCollection<long> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var packed = new ProtoWriter();
        foreach (var value in values)
        {
            packed.WriteVarint((ulong)value);
        }

        WriteBytes(field, packed._buffer.GetBuffer().AsSpan(0, (int)packed.Length));
    }

    /// <summary>A nested message: written to its own buffer first because its length prefix comes before it.</summary>
    public void WriteMessage(int field, Action<ProtoWriter> body)
    {
        var nested = new ProtoWriter();
        body(nested);
        WriteBytes(field, nested._buffer.GetBuffer().AsSpan(0, (int)nested.Length));
    }

    private void WriteTag(int field, int wireType) => WriteVarint(((ulong)field << 3) | (uint)wireType);

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }
}
