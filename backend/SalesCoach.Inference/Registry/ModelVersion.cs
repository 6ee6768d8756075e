namespace SalesCoach.Inference.Registry;

/// <summary>What is registered about one model version (the ONNX bytes are read separately).</summary>
public sealed record ModelVersion(
    string TenantId,
    string Name,
    int Version,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Languages,
    string TrainingDataHash,
    string MetricsJson,
    string ManifestJson,
    string Sha256,
    long SizeBytes,
    DateTimeOffset CreatedAt,
    bool Active)
{
    public bool IsGlobal => TenantId.Length == 0;
}

/// <summary>A new version to register. <paramref name="MetricsJson"/> and <paramref name="ManifestJson"/> are JSON objects.</summary>
public sealed record ModelRegistration(
    byte[] Onnx,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Languages,
    string TrainingDataHash,
    string MetricsJson = "{}",
    string ManifestJson = "{}");

/// <summary>One entry of a model's activation history; <see cref="RolledBackAt"/> is set once it was rolled back.</summary>
public sealed record ModelActivation(string TenantId, string Name, int Sequence, int Version, string Actor, DateTimeOffset ActivatedAt, DateTimeOffset? RolledBackAt);

/// <summary>A registry operation that cannot be done as asked (unknown version, nothing to roll back to, bad input).</summary>
public sealed class ModelRegistryException(string message) : Exception(message);
