using System.Text.Json;
using System.Text.Json.Nodes;
using SalesCoach.Inference.Runtime;

namespace SalesCoach.Inference.Registry;

/// <summary>
/// A trained model on disk, as <c>model train --out DIR</c> writes it and <c>model register --model DIR</c> reads it:
/// <c>model.onnx</c> plus <c>model.json</c> with <c>labels</c> (string array, in output order), and optionally
/// <c>languages</c>, <c>trainingDataHash</c> and <c>metrics</c> (object). The whole model.json is kept as the manifest,
/// so serving can read anything else the trainer puts there (featurizer settings, thresholds).
/// Without model.json, labels come from the ONNX metadata property <c>labels</c> (a JSON array).
/// </summary>
public static class ModelDirectory
{
    public const string OnnxFileName = "model.onnx";
    public const string ManifestFileName = "model.json";

    public static async Task<ModelRegistration> ReadAsync(string directory, CancellationToken cancellationToken = default)
    {
        var onnxPath = Path.Combine(directory, OnnxFileName);
        if (!File.Exists(onnxPath))
        {
            throw new ModelRegistryException($"'{directory}' has no {OnnxFileName}.");
        }

        var onnx = await File.ReadAllBytesAsync(onnxPath, cancellationToken);
        var manifestPath = Path.Combine(directory, ManifestFileName);
        JsonObject manifest;
        try
        {
            manifest = File.Exists(manifestPath)
                ? JsonNode.Parse(await File.ReadAllTextAsync(manifestPath, cancellationToken)) as JsonObject
                    ?? throw new ModelRegistryException($"{ManifestFileName} must hold a JSON object.")
                : [];
        }
        catch (JsonException error)
        {
            throw new ModelRegistryException($"{ManifestFileName} is not valid JSON: {error.Message}");
        }

        var labels = Strings(manifest["labels"]) ?? LabelsFromOnnx(onnx)
            ?? throw new ModelRegistryException($"No labels: put a \"labels\" array in {ManifestFileName} (or a 'labels' metadata property in the ONNX file).");
        return new ModelRegistration(
            onnx,
            labels,
            Strings(manifest["languages"]) ?? [],
            manifest["trainingDataHash"]?.GetValue<string>() ?? "",
            manifest["metrics"] is JsonObject metrics ? metrics.ToJsonString() : "{}",
            manifest.ToJsonString());
    }

    private static string[]? Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => n?.GetValue<string>() ?? throw new ModelRegistryException("Label and language lists must hold strings.")).ToArray() : null;

    private static string[]? LabelsFromOnnx(byte[] onnx)
    {
        try
        {
            using var session = OnnxRuntime.Shared.CreateSession(onnx);
            return session.GetMetadata("labels") is { } json ? JsonSerializer.Deserialize<string[]>(json) : null;
        }
        catch (Exception error) when (error is OnnxRuntimeException or JsonException)
        {
            return null; // registration reports an unloadable file with the runtime's own message
        }
    }
}
