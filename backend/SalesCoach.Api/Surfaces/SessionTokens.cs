using System.Buffers.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace SalesCoach.Api.Surfaces;

/// <summary>Who a session token speaks for: minted only after a CRM's own proof.</summary>
public sealed record SessionClaims(string TenantId, string UserId, string Role, string Crm, string? RecordType, string? RecordId);

public sealed record SessionToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// Short-lived bearer tokens for adapter pages, sealed with ASP.NET Data Protection under one purpose
/// (authenticated encryption: the page can carry it but neither read nor alter it). Frames in CRMs
/// lose third-party cookies, so the token travels in the page body and the Authorization header only.
/// </summary>
public sealed class SessionTokens(IDataProtectionProvider dataProtection, TimeProvider time)
{
    public const string Prefix = "scs_";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private readonly IDataProtector _protector = dataProtection.CreateProtector("SalesCoach.Surfaces.SessionToken.v1");

    public SessionToken Mint(SessionClaims claims)
    {
        var expiresAt = time.GetUtcNow() + Lifetime;
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(claims, expiresAt.ToUnixTimeMilliseconds()));
        return new SessionToken(Prefix + Base64Url.EncodeToString(_protector.Protect(payload)), expiresAt);
    }

    /// <summary>The claims of a genuine, unexpired token; null for anything else (no detail leaks to the caller).</summary>
    public SessionClaims? Read(string token)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(_protector.Unprotect(Base64Url.DecodeFromChars(token.AsSpan(Prefix.Length))));
            return payload is not null && payload.ExpiresAtMs > time.GetUtcNow().ToUnixTimeMilliseconds() ? payload.Claims : null;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }

    private sealed record Payload(SessionClaims Claims, long ExpiresAtMs);
}
