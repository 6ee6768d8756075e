using System.Text.Json;
using System.Text.Json.Serialization;
using SalesCoach.Inference.Models;

namespace SalesCoach.Inference.Training;

/// <summary>
/// A model on disk is a directory: <c>model.json</c> (<see cref="ModelMetadata"/>) beside the
/// weights. Files are written to a temporary name and moved, so a reader never sees half a model.
/// </summary>
public static class ModelDirectory
{
    public const string MetadataFile = "model.json";
    public const string WeightsFile = "model.bin";
    private const int Magic = 0x42455343; // "CSEB"

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void Save(string directory, TrainedModel model)
    {
        Directory.CreateDirectory(directory);
        WriteAtomically(Path.Combine(directory, WeightsFile), stream => WriteWeights(stream, model.Classifier));
        WriteAtomically(Path.Combine(directory, MetadataFile),
            stream => JsonSerializer.Serialize(stream, model.Metadata, Json));
    }

    public static TrainedModel Load(string directory)
    {
        var metadataPath = Path.Combine(directory, MetadataFile);
        if (!File.Exists(metadataPath))
        {
            throw new FileNotFoundException($"No {MetadataFile} in model directory {directory}.", metadataPath);
        }

        var metadata = JsonSerializer.Deserialize<ModelMetadata>(File.ReadAllBytes(metadataPath), Json)
            ?? throw new InvalidDataException($"{MetadataFile} is empty.");
        if (metadata.Format != ModelMetadata.CurrentFormat)
        {
            throw new InvalidDataException($"Unsupported model format '{metadata.Format}'.");
        }

        using var stream = File.OpenRead(Path.Combine(directory, WeightsFile));
        var classifier = ReadWeights(stream);
        if (classifier.LabelCount != metadata.Labels.Length || classifier.Buckets != metadata.Featurizer.Buckets)
        {
            throw new InvalidDataException("Weights and model.json disagree on labels or buckets.");
        }

        return new TrainedModel(classifier, metadata);
    }

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        {
            write(stream);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static void WriteWeights(Stream stream, EmbeddingBagClassifier c)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(c.Buckets);
        writer.Write(c.Dim);
        writer.Write(c.LabelCount);
        writer.Write((int)c.Activation);
        foreach (var array in new[] { c.Embeddings, c.Output, c.Bias })
        {
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(array.AsSpan()));
        }
    }

    private static EmbeddingBagClassifier ReadWeights(Stream stream)
    {
        using var reader = new BinaryReader(stream);
        if (reader.ReadInt32() != Magic)
        {
            throw new InvalidDataException($"{WeightsFile} is not a model weights file.");
        }

        var (buckets, dim, labels, activation) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        float[] Read(long count)
        {
            var array = new float[count];
            reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(array.AsSpan()));
            return array;
        }

        return new EmbeddingBagClassifier(buckets, dim, labels, Read((long)buckets * dim), Read((long)dim * labels),
            Read(labels), (OutputActivation)activation);
    }
}
