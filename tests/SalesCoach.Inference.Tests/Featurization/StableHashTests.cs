using SalesCoach.Inference.Featurization;

namespace SalesCoach.Inference.Tests.Featurization;

public class StableHashTests
{
    // Expected values: 64-bit FNV-1a over the UTF-16LE bytes, computed independently in Python.
    [Theory]
    [InlineData("hello", 0x32964f71b2764b97UL)]
    [InlineData("a", 0x089be207b544f1e4UL)]
    [InlineData("é中", 0xa919d7efda606c67UL)]
    public void Fnv1a_KnownInputs_MatchReferenceImplementation(string text, ulong expected)
    {
        Assert.Equal(expected, StableHash.Fnv1a(text));
    }

    [Fact]
    public void Fnv1a_Seed_ChangesHash()
    {
        Assert.NotEqual(StableHash.Fnv1a("price"), StableHash.Fnv1a("price", seed: 7));
    }

    [Fact]
    public void Combine_Order_Matters()
    {
        var (a, b) = (StableHash.Fnv1a("too"), StableHash.Fnv1a("expensive"));
        Assert.NotEqual(StableHash.Combine(a, b), StableHash.Combine(b, a));
    }
}
