using System.Security.Cryptography;
using System.Text;

namespace SalesCoach.Crm.HubSpot;

public enum HubSpotSignatureFailure
{
    None,
    Missing,
    BadTimestamp,
    Stale,
    FromTheFuture,
    BadSignature,
    Replayed,
}

/// <summary>
/// HubSpot's v3 request signature: Base64(HMAC-SHA256(client secret, method + uri + body + timestamp)),
/// with the timestamp in Unix milliseconds. HubSpot's own helper accepts any future timestamp;
/// we also refuse ones more than the window ahead, and each signature is accepted once.
/// </summary>
public sealed class HubSpotSignature(TimeProvider time, SignatureReplayCache replays)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>Characters HubSpot decodes in the URI before signing (its request-validation guide lists them).</summary>
    private static readonly (string Encoded, string Decoded)[] DecodedEscapes =
    [
        ("%3A", ":"), ("%2F", "/"), ("%3F", "?"), ("%40", "@"), ("%21", "!"), ("%24", "$"),
        ("%27", "'"), ("%28", "("), ("%29", ")"), ("%2A", "*"), ("%2C", ","), ("%3B", ";"),
    ];

    public static string Compute(string clientSecret, string method, string uri, ReadOnlySpan<byte> body, string timestamp) =>
        Convert.ToBase64String(Hash(clientSecret, method, NormalizeUri(uri), body, timestamp));

    /// <summary>The URI as HubSpot signs it: the full URL as called, with the listed escapes decoded.</summary>
    public static string NormalizeUri(string uri)
    {
        if (!uri.Contains('%', StringComparison.Ordinal))
        {
            return uri;
        }

        var builder = new StringBuilder(uri);
        foreach (var (encoded, decoded) in DecodedEscapes)
        {
            builder.Replace(encoded, decoded).Replace(encoded.ToLowerInvariant(), decoded);
        }

        return builder.ToString();
    }

    public HubSpotSignatureFailure Verify(
        string clientSecret, string method, string uri, ReadOnlySpan<byte> body, string? timestamp, string? signature)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature) || signature.Length > 128)
        {
            return HubSpotSignatureFailure.Missing;
        }

        if (timestamp.Length > 16 || !long.TryParse(timestamp, System.Globalization.NumberStyles.None, null, out var sentMs))
        {
            return HubSpotSignatureFailure.BadTimestamp;
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(sentMs, 0, 253402300799999));
        if (age > Window)
        {
            return HubSpotSignatureFailure.Stale;
        }

        if (age < -Window)
        {
            return HubSpotSignatureFailure.FromTheFuture;
        }

        var presented = new byte[HMACSHA256.HashSizeInBytes];
        if (!Convert.TryFromBase64String(signature, presented, out var written) || written != presented.Length)
        {
            return HubSpotSignatureFailure.BadSignature;
        }

        // HubSpot's guide has the listed escapes decoded before signing; a signer that keeps the URI
        // exactly as called (the helper given the raw URL) is accepted too: both cover the same request.
        var normalized = NormalizeUri(uri);
        var matches = CryptographicOperations.FixedTimeEquals(presented, Hash(clientSecret, method, normalized, body, timestamp))
            || (!string.Equals(normalized, uri, StringComparison.Ordinal) && CryptographicOperations.FixedTimeEquals(presented, Hash(clientSecret, method, uri, body, timestamp)));
        if (!matches)
        {
            return HubSpotSignatureFailure.BadSignature;
        }

        // Remembered past the window's far edge: a signature can only be replayed while its timestamp is fresh.
        return replays.TryRemember(signature, DateTimeOffset.FromUnixTimeMilliseconds(sentMs) + Window)
            ? HubSpotSignatureFailure.None
            : HubSpotSignatureFailure.Replayed;
    }

    private static byte[] Hash(string clientSecret, string method, string uri, ReadOnlySpan<byte> body, string timestamp)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(clientSecret));
        hmac.AppendData(Encoding.UTF8.GetBytes(method + uri));
        hmac.AppendData(body);
        hmac.AppendData(Encoding.UTF8.GetBytes(timestamp));
        return hmac.GetHashAndReset();
    }
}
