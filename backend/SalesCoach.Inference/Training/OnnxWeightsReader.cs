using System.Runtime.InteropServices;
using SalesCoach.Inference.Models;

namespace SalesCoach.Inference.Training;

/// <summary>
/// Reads the weights of an exported <see cref="EmbeddingBagClassifier"/> back out of model.onnx
/// (its float initializers <c>embeddings</c>, <c>output</c>, <c>bias</c> and the optional <c>feature_weights</c>, in raw_data), so the
/// managed maths and ONNX Runtime score the very same file. Only the protobuf fields needed
/// are walked: ModelProto.graph (7), GraphProto.initializer (5), TensorProto dims (1),
/// data_type (2), name (8), raw_data (9).
/// </summary>
public static class OnnxWeightsReader
{
    private const int FloatType = 1;

    public static EmbeddingBagClassifier Read(ReadOnlySpan<byte> onnx, OutputActivation activation)
    {
        var tensors = new Dictionary<string, (long[] Dims, float[] Data)>(StringComparer.Ordinal);
        foreach (var (field, graph) in Fields(onnx))
        {
            if (field != 7)
            {
                continue;
            }

            foreach (var (graphField, initializer) in Fields(graph))
            {
                if (graphField == 5 && ReadTensor(initializer) is { } tensor)
                {
                    tensors[tensor.Name] = (tensor.Dims, tensor.Data);
                }
            }
        }

        (long[] Dims, float[] Data) Get(string name) => tensors.TryGetValue(name, out var t)
            ? t : throw new InvalidDataException($"model.onnx has no float initializer '{name}'.");
        var embeddings = Get("embeddings");
        var output = Get("output");
        var bias = Get("bias");
        if (embeddings.Dims.Length != 2 || output.Dims.Length != 2 || output.Dims[0] != embeddings.Dims[1])
        {
            throw new InvalidDataException("model.onnx initializers do not have the embedding-bag shapes.");
        }

        var featureWeights = tensors.TryGetValue("feature_weights", out var fw) ? fw : default;
        if (featureWeights.Data is not null && (featureWeights.Dims.Length != 1 || featureWeights.Dims[0] != embeddings.Dims[0]))
        {
            throw new InvalidDataException("model.onnx's feature weights do not have one value per bucket.");
        }

        return new EmbeddingBagClassifier((int)embeddings.Dims[0], (int)embeddings.Dims[1], (int)output.Dims[1],
            embeddings.Data, output.Data, bias.Data, activation, featureWeights.Data);
    }

    private static (string Name, long[] Dims, float[] Data)? ReadTensor(ReadOnlySpan<byte> tensor)
    {
        var dims = new List<long>();
        string? name = null;
        float[]? data = null;
        var type = 0;
        var reader = new ProtoReader(tensor);
        while (reader.Next(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (1, 0): dims.Add((long)reader.Varint()); break;
                case (1, 2):
                    var packed = new ProtoReader(reader.Bytes());
                    while (!packed.AtEnd)
                    {
                        dims.Add((long)packed.Varint());
                    }

                    break;
                case (2, 0): type = (int)reader.Varint(); break;
                case (8, 2): name = System.Text.Encoding.UTF8.GetString(reader.Bytes()); break;
                case (9, 2): data = MemoryMarshal.Cast<byte, float>(reader.Bytes()).ToArray(); break;
                default: reader.Skip(wireType); break;
            }
        }

        return type == FloatType && name is not null && data is not null ? (name, [.. dims], data) : null;
    }

    private static List<(int Field, byte[] Bytes)> Fields(ReadOnlySpan<byte> message)
    {
        var result = new List<(int, byte[])>();
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var wireType))
        {
            if (wireType == 2)
            {
                result.Add((field, reader.Bytes().ToArray()));
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return result;
    }

    private ref struct ProtoReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public readonly bool AtEnd => _position >= _data.Length;

        public bool Next(out int field, out int wireType)
        {
            if (AtEnd)
            {
                (field, wireType) = (0, 0);
                return false;
            }

            var key = Varint();
            (field, wireType) = ((int)(key >> 3), (int)(key & 7));
            return true;
        }

        public ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (AtEnd)
                {
                    throw new InvalidDataException("model.onnx is truncated.");
                }

                var b = _data[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new InvalidDataException("model.onnx has a malformed varint.");
        }

        public ReadOnlySpan<byte> Bytes()
        {
            var length = (int)Varint();
            if (length < 0 || _position + length > _data.Length)
            {
                throw new InvalidDataException("model.onnx is truncated.");
            }

            var bytes = _data.Slice(_position, length);
            _position += length;
            return bytes;
        }

        public void Skip(int wireType)
        {
            switch (wireType)
            {
                case 0: Varint(); break;
                case 1: _position += 8; break;
                case 2: Bytes(); break;
                case 5: _position += 4; break;
                default: throw new InvalidDataException($"model.onnx uses unsupported wire type {wireType}.");
            }
        }
    }
}
