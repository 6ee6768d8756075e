using System.Security.Cryptography;
using SalesCoach.Storage.Encryption;

namespace SalesCoach.Coaching.Tests.Interactions;

/// <summary>A field protector with a fresh random key, as the stores get from <c>AddStorage</c>.</summary>
public static class TestProtector
{
    public static FieldProtector New() => new(new Dictionary<string, byte[]> { ["test"] = RandomNumberGenerator.GetBytes(32) }, "test");
}
