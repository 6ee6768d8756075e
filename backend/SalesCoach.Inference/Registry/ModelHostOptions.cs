using System.ComponentModel.DataAnnotations;

namespace SalesCoach.Inference.Registry;

/// <summary>Configuration section <c>Inference</c>.</summary>
public sealed class ModelHostOptions
{
    public const string Section = "Inference";

    /// <summary>How often the host re-reads the registry to pick up activations made by the CLI or another replica.</summary>
    [Range(1, 3600)]
    public int RefreshSeconds { get; set; } = 10;

    /// <summary>ONNX Runtime intra-op threads per session; 1 suits small models served to many concurrent requests.</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; } = 1;
}
