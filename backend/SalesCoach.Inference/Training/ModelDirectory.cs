using System.Text.Json;
using System.Text.Json.Serialization;
using SalesCoach.Inference.Models;
using SalesCoach.Inference.Onnx;

namespace SalesCoach.Inference.Training;

/// <summary>
/// A model on disk is a directory: <c>model.onnx</c> (the graph and weights, what ONNX Runtime
/// serves) and <c>model.json</c> (<see cref="ModelMetadata"/>: labels, featurizer settings,
/// thresholds). Files are written to a temporary name and moved, so a reader never sees half a file.
/// </summary>
public static class ModelDirectory
{
    public const string MetadataFile = "model.json";
    public const string OnnxFile = "model.onnx";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void Save(string directory, TrainedModel model)
    {
        Directory.CreateDirectory(directory);
        var onnx = EmbeddingBagOnnxExporter.Export(model.Classifier, new Dictionary<string, string>
        {
            ["salescoach.labels"] = JsonSerializer.Serialize(model.Metadata.Labels),
            ["salescoach.featurizer"] = JsonSerializer.Serialize(model.Metadata.Featurizer, Json),
        });
        WriteAtomically(Path.Combine(directory, OnnxFile), onnx);
        WriteAtomically(Path.Combine(directory, MetadataFile), JsonSerializer.SerializeToUtf8Bytes(model.Metadata, Json));
    }

    public static ModelMetadata LoadMetadata(string directory)
    {
        var path = Path.Combine(directory, MetadataFile);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No {MetadataFile} in model directory {directory}.", path);
        }

        var metadata = JsonSerializer.Deserialize<ModelMetadata>(File.ReadAllBytes(path), Json)
            ?? throw new InvalidDataException($"{MetadataFile} is empty.");
        return metadata.Format == ModelMetadata.CurrentFormat
            ? metadata
            : throw new InvalidDataException($"Unsupported model format '{metadata.Format}'.");
    }

    public static byte[] ReadOnnx(string directory)
    {
        var path = Path.Combine(directory, OnnxFile);
        return File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new FileNotFoundException($"No {OnnxFile} in model directory {directory}.", path);
    }

    /// <summary>Loads metadata and the weights (read back from model.onnx) for the managed maths.</summary>
    public static TrainedModel Load(string directory)
    {
        var metadata = LoadMetadata(directory);
        var classifier = OnnxWeightsReader.Read(ReadOnnx(directory),
            metadata.MultiLabel ? OutputActivation.Sigmoid : OutputActivation.Softmax);
        if (classifier.LabelCount != metadata.Labels.Length || classifier.Buckets != metadata.Featurizer.Buckets)
        {
            throw new InvalidDataException("model.onnx and model.json disagree on labels or buckets.");
        }

        return new TrainedModel(classifier, metadata);
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }
}
