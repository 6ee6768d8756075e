using System.Runtime.InteropServices;
using SalesCoach.Inference.Runtime;

namespace SalesCoach.Inference.Onnx;

/// <summary>Serializes an <see cref="OnnxModel"/> to ModelProto bytes (an .onnx file).</summary>
public static class OnnxModelWriter
{
    public static byte[] Write(OnnxModel model)
    {
        // raw_data is defined as little-endian; copying our arrays' bytes is only right on such machines.
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian; this writer copies memory as is.");
        }

        var writer = new ProtoWriter();
        writer.WriteInt64(1, model.IrVersion);
        writer.WriteString(2, model.ProducerName);
        writer.WriteString(3, model.ProducerVersion);
        writer.WriteString(4, model.Domain);
        writer.WriteInt64(5, model.ModelVersion);
        writer.WriteString(6, model.DocString);
        writer.WriteMessage(7, graph => WriteGraph(graph, model.Graph));
        writer.WriteMessage(8, opset =>
        {
            opset.WriteString(1, "");
            opset.WriteInt64(2, model.Opset);
        });
        foreach (var (key, value) in model.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteMessage(14, entry =>
            {
                entry.WriteString(1, key);
                entry.WriteString(2, value);
            });
        }

        return writer.ToArray();
    }

    private static void WriteGraph(ProtoWriter writer, OnnxGraph graph)
    {
        foreach (var node in graph.Nodes)
        {
            writer.WriteMessage(1, n => WriteNode(n, node));
        }

        writer.WriteString(2, graph.Name);
        foreach (var initializer in graph.Initializers)
        {
            writer.WriteMessage(5, t => WriteInitializer(t, initializer));
        }

        writer.WriteString(10, graph.DocString);
        foreach (var input in graph.Inputs)
        {
            writer.WriteMessage(11, v => WriteValueInfo(v, input));
        }

        foreach (var output in graph.Outputs)
        {
            writer.WriteMessage(12, v => WriteValueInfo(v, output));
        }
    }

    private static void WriteNode(ProtoWriter writer, OnnxNode node)
    {
        writer.WriteRepeatedString(1, node.Inputs);
        writer.WriteRepeatedString(2, node.Outputs);
        writer.WriteString(3, node.Name);
        writer.WriteString(4, node.OpType);
        foreach (var attribute in node.Attributes)
        {
            writer.WriteMessage(5, a => WriteAttribute(a, attribute));
        }
    }

    private static void WriteAttribute(ProtoWriter writer, OnnxAttribute attribute)
    {
        writer.WriteString(1, attribute.Name);
        // AttributeProto.type (field 20): FLOAT = 1, INT = 2, STRING = 3, INTS = 7.
        if (attribute.Float is { } f)
        {
            writer.WriteFloat(2, f);
            writer.WriteInt64(20, 1);
        }
        else if (attribute.Int is { } i)
        {
            // An int attribute of 0 must still be present, so it is written without the default-skipping helper.
            writer.WriteVarintAlways(3, i);
            writer.WriteInt64(20, 2);
        }
        else if (attribute.String is { } s)
        {
            writer.WriteBytes(4, System.Text.Encoding.UTF8.GetBytes(s));
            writer.WriteInt64(20, 3);
        }
        else if (attribute.Ints is { } ints)
        {
            writer.WritePackedInt64(8, ints.ToArray());
            writer.WriteInt64(20, 7);
        }
        else
        {
            throw new ArgumentException($"Attribute '{attribute.Name}' has no value.", nameof(attribute));
        }
    }

    private static void WriteInitializer(ProtoWriter writer, OnnxInitializer initializer)
    {
        writer.WritePackedInt64(1, initializer.Dims.ToArray());
        writer.WriteInt64(2, (long)initializer.ElementType);
        writer.WriteString(8, initializer.Name);
        ReadOnlySpan<byte> raw = initializer.Floats is { } floats
            ? MemoryMarshal.AsBytes(floats.AsSpan())
            : MemoryMarshal.AsBytes(initializer.Int64s.AsSpan());
        writer.WriteBytes(9, raw);
    }

    private static void WriteValueInfo(ProtoWriter writer, OnnxValueInfo info)
    {
        writer.WriteString(1, info.Name);
        writer.WriteMessage(2, type => type.WriteMessage(1, tensor =>
        {
            tensor.WriteInt64(1, (long)info.ElementType);
            tensor.WriteMessage(2, shape =>
            {
                foreach (var dimension in info.Shape)
                {
                    shape.WriteMessage(1, d =>
                    {
                        if (dimension.Size is { } size)
                        {
                            d.WriteVarintAlways(1, size);
                        }
                        else
                        {
                            d.WriteString(2, dimension.Parameter);
                        }
                    });
                }
            });
        }));
        writer.WriteString(3, info.DocString);
    }
}
