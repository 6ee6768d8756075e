using System.Text.Json;
using SalesCoach.Inference.Training;

namespace SalesCoach.Inference.Registry;

/// <summary>Turns a trained model directory (<see cref="ModelDirectory"/>: model.onnx + model.json) into a registration.</summary>
public static class ModelRegistrations
{
    /// <summary>
    /// Labels, languages, training data hash and dev metrics come from model.json; the whole file is kept
    /// as the version's manifest, so serving can rebuild the featurizer and decision rule from the registry alone.
    /// </summary>
    public static async Task<ModelRegistration> FromDirectoryAsync(string directory, CancellationToken cancellationToken = default)
    {
        try
        {
            var metadata = ModelDirectory.LoadMetadata(directory);
            var manifest = await File.ReadAllTextAsync(Path.Combine(directory, ModelDirectory.MetadataFile), cancellationToken);
            return new ModelRegistration(
                ModelDirectory.ReadOnnx(directory),
                metadata.Labels,
                metadata.Languages,
                metadata.TrainingDataSha256 ?? "",
                JsonSerializer.Serialize(metadata.DevMetrics),
                manifest);
        }
        catch (Exception error) when (error is IOException or InvalidDataException or JsonException or UnauthorizedAccessException)
        {
            throw new ModelRegistryException($"'{directory}' is not a model directory: {error.Message}");
        }
    }
}
