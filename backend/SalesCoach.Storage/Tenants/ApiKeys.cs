using System.Security.Cryptography;
using System.Text;

namespace SalesCoach.Storage.Tenants;

/// <summary>
/// API keys are 256 random bits; only their SHA-256 is stored. A fast hash is enough for
/// secrets of that strength (no dictionary to attack), and it keeps lookups O(1) per request.
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "sc_";

    public static string Generate() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string key) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The first characters of a key, safe to show in lists and logs.</summary>
    public static string DisplayPrefix(string key) => key[..Math.Min(key.Length, 7)];
}
