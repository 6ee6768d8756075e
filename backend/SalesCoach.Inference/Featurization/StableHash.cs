namespace SalesCoach.Inference.Featurization;

/// <summary>
/// FNV-1a over UTF-16 code units: the same text hashes the same in every process, machine
/// and .NET version (unlike string.GetHashCode, which is randomised per process), so a model
/// trained today keeps finding its buckets when served tomorrow.
/// </summary>
public static class StableHash
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Fnv1a(ReadOnlySpan<char> text, ulong seed = 0)
    {
        var hash = OffsetBasis ^ seed;
        foreach (var c in text)
        {
            hash = Step(hash, c);
        }

        return hash;
    }

    /// <summary>Extends an FNV-1a hash by one character (incremental n-gram hashing).</summary>
    public static ulong Step(ulong hash, char c)
    {
        hash ^= (byte)c;
        hash *= Prime;
        hash ^= (byte)(c >> 8);
        return hash * Prime;
    }

    /// <summary>Combines two hashes order-sensitively (for word bigrams).</summary>
    public static ulong Combine(ulong first, ulong second)
    {
        var hash = first * 0x9E3779B97F4A7C15UL + second;
        return Mix(hash);
    }

    /// <summary>A finaliser (splitmix64) so bucket ids use all bits of the FNV value.</summary>
    public static ulong Mix(ulong value)
    {
        value ^= value >> 30;
        value *= 0xBF58476D1CE4E5B9UL;
        value ^= value >> 27;
        value *= 0x94D049BB133111EBUL;
        value ^= value >> 31;
        return value;
    }
}
