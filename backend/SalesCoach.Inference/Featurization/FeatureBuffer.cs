namespace SalesCoach.Inference.Featurization;

/// <summary>
/// Reusable output of <see cref="TextFeaturizer"/>: hashed bucket ids and their weights
/// (1/count each, the averaging of the model contract). One buffer per thread: serving
/// featurizes without allocating.
/// </summary>
public sealed class FeatureBuffer(int capacity)
{
    public long[] Ids { get; } = new long[capacity];

    public float[] Weights { get; } = new float[capacity];

    public int Count { get; internal set; }

    public int Capacity => Ids.Length;

    public ReadOnlySpan<long> IdSpan => Ids.AsSpan(0, Count);

    public ReadOnlySpan<float> WeightSpan => Weights.AsSpan(0, Count);
}
