namespace SalesCoach.Inference.Featurization;

/// <summary>Collects hashed features into a <see cref="FeatureBuffer"/> up to its capacity.</summary>
internal struct FeatureSink(FeatureBuffer buffer, ulong buckets)
{
    private readonly long[] _ids = buffer.Ids;
    private int _count;

    public readonly bool Full => _count >= _ids.Length;

    public void Add(ulong hash)
    {
        if (_count < _ids.Length)
        {
            _ids[_count++] = (long)(StableHash.Mix(hash) % buckets);
        }
    }

    /// <summary>Writes the averaging weights (1/count) and returns the count.</summary>
    public readonly int Finish()
    {
        buffer.Count = _count;
        if (_count > 0)
        {
            buffer.Weights.AsSpan(0, _count).Fill(1f / _count);
        }

        return _count;
    }
}
