using System.ComponentModel.DataAnnotations;

namespace SalesCoach.Inference.Runtime;

public enum GraphOptimization
{
    None = 0,
    Basic = 1,
    Extended = 2,
    All = 99,
}

/// <summary>How a session runs. One intra-op thread by default: our models are small, and callers parallelise across requests.</summary>
public sealed record InferenceSessionOptions
{
    [Range(0, 256)]
    public int IntraOpThreads { get; init; } = 1;

    public GraphOptimization Optimization { get; init; } = GraphOptimization.All;
}
