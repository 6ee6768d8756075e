using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SalesCoach.Crm.Signing;

namespace SalesCoach.Crm.Salesforce;

/// <summary>
/// Verifies a Salesforce canvas signed request: <c>base64(HMAC-SHA256(secret, envelope)) + "." + envelope</c>,
/// where the HMAC covers the envelope string exactly as received. The signature is checked in
/// constant time before the envelope is decoded, so nothing unauthenticated is parsed.
/// </summary>
public sealed class SignedRequestVerifier(TimeProvider time)
{
    /// <summary>Salesforce signed requests are a few kilobytes; anything far larger is refused before hashing.</summary>
    public const int MaxLength = 256 * 1024;

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <param name="maxAge">
    /// Optional limit on <c>issuedAt</c>. Salesforce documents issuedAt as the time the OAuth token was
    /// issued ("for internal use"), not the time of the POST, and re-posts the same request on refresh,
    /// so a tight window would reject genuine frames; null disables the age check.
    /// </param>
    public SignedRequestResult Verify(string? signedRequest, string consumerSecret, TimeSpan? maxAge = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumerSecret);
        if (string.IsNullOrEmpty(signedRequest) || signedRequest.Length > MaxLength)
        {
            return SignedRequestResult.Fail(SignedRequestFailure.Malformed);
        }

        var dot = signedRequest.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == signedRequest.Length - 1)
        {
            return SignedRequestResult.Fail(SignedRequestFailure.Malformed);
        }

        var envelope = signedRequest[(dot + 1)..];
        if (Base64.TryDecode(signedRequest[..dot]) is not { Length: HMACSHA256.HashSizeInBytes } signature)
        {
            return SignedRequestResult.Fail(SignedRequestFailure.BadSignature);
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(consumerSecret), Encoding.UTF8.GetBytes(envelope));
        if (!CryptographicOperations.FixedTimeEquals(signature, expected))
        {
            return SignedRequestResult.Fail(SignedRequestFailure.BadSignature);
        }

        if (Base64.TryDecode(envelope) is not { } json)
        {
            return SignedRequestResult.Fail(SignedRequestFailure.Malformed);
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement, maxAge);
        }
        catch (JsonException)
        {
            return SignedRequestResult.Fail(SignedRequestFailure.Malformed);
        }
    }

    private SignedRequestResult Read(JsonElement root, TimeSpan? maxAge)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return SignedRequestResult.Fail(SignedRequestFailure.Malformed);
        }

        if (!string.Equals(root.Str("algorithm"), "HMACSHA256", StringComparison.OrdinalIgnoreCase))
        {
            return SignedRequestResult.Fail(SignedRequestFailure.UnsupportedAlgorithm);
        }

        var issuedAt = ReadIssuedAt(root);
        var now = time.GetUtcNow();
        if (issuedAt > now + ClockSkew)
        {
            return SignedRequestResult.Fail(SignedRequestFailure.IssuedInFuture);
        }

        if (maxAge is { } limit && issuedAt is { } at && now - at > limit)
        {
            return SignedRequestResult.Fail(SignedRequestFailure.Expired);
        }

        var context = root.Obj("context");
        var user = context?.Obj("user");
        var client = root.Obj("client");
        var environment = context?.Obj("environment");
        var record = environment?.Obj("record");
        var parameters = environment?.Obj("parameters");
        var organizationId = context?.Obj("organization")?.Str("organizationId");
        var userId = root.Str("userId") ?? user?.Str("userId");
        if (string.IsNullOrEmpty(organizationId) || string.IsNullOrEmpty(userId))
        {
            return SignedRequestResult.Fail(SignedRequestFailure.MissingOrganization);
        }

        // On a Lightning record page the Aura wrapper passes the record id as a canvas parameter;
        // a page-layout canvas gets the record itself under environment.record.
        var recordId = record?.Str("Id") ?? parameters?.Str("recordId");
        var recordType = record?.Obj("attributes")?.Str("type") ?? parameters?.Str("recordType");
        return new SignedRequestResult(
            new CanvasRequest(
                organizationId, userId,
                user?.Str("userName"), user?.Str("fullName"), user?.Str("email"), user?.Str("language"), user?.Str("locale"),
                client?.Str("instanceUrl"), client?.Str("targetOrigin"), issuedAt,
                recordType, recordId, environment?.Str("displayLocation")),
            SignedRequestFailure.None,
            root.Clone());
    }

    private static DateTimeOffset? ReadIssuedAt(JsonElement root)
    {
        if (!root.TryGetProperty("issuedAt", out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var raw))
        {
            return null;
        }

        // Published samples carry seconds; accept milliseconds too rather than guess wrong by 1000x.
        return raw > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(raw) : DateTimeOffset.FromUnixTimeSeconds(raw);
    }
}
