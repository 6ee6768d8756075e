using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SalesCoach.Crm.Tests.Fakes;

/// <summary>
/// The OAuth 2.0 refresh token flow as Salesforce documents it: <c>POST /services/oauth2/token</c>, form-encoded
/// <c>grant_type=refresh_token</c>, <c>client_id</c> (consumer key), <c>client_secret</c>, <c>refresh_token</c>. Success
/// is 200 <c>{access_token, signature, scope, instance_url, id, token_type: "Bearer", issued_at}</c> (no expires_in:
/// the session timeout decides), plus <c>refresh_token</c> when the connected app rotates them; <c>signature</c> is
/// Base64(HMAC-SHA256(consumer secret, id + issued_at)). Errors are 400 <c>{error, error_description}</c>:
/// <c>invalid_grant</c> "expired access/refresh token", <c>invalid_client_id</c>, <c>invalid_client</c>,
/// <c>unsupported_grant_type</c>. A new session replaces the fake's only valid access token, so the old one now gets 401.
/// </summary>
public sealed partial class FakeSalesforce
{
    private int _sessions;

    public string ConsumerKey { get; set; } = "3MVG9fakeConsumerKeyForTheSalesCoachTests";

    public string ConsumerSecret { get; set; } = "fake-consumer-secret-0123456789ABCDEF";

    /// <summary>When set, answers are signed with this instead of <see cref="ConsumerSecret"/> (a forged or misrouted answer).</summary>
    public string? SigningSecret { get; set; }

    public string OrgId { get; set; } = "00D000000000001EAA";

    /// <summary>Valid refresh tokens and the user each was issued to; removing one revokes it.</summary>
    public ConcurrentDictionary<string, string> RefreshTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>The connected app's "refresh token rotation": each use answers a new refresh token and invalidates the old one.</summary>
    public bool RotateRefreshTokens { get; set; }

    public const string TokenPath = "/services/oauth2/token";

    protected override bool IsAnonymous(HttpRequest request) => request.Path == TokenPath;

    private void MapOAuth(WebApplication app) => app.MapPost(TokenPath, async (HttpRequest request) =>
    {
        if (!request.HasFormContentType)
        {
            return OAuthError("invalid_request", "must use application/x-www-form-urlencoded");
        }

        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "refresh_token")
        {
            return OAuthError("unsupported_grant_type", "grant type not supported");
        }

        if (form["client_id"] != ConsumerKey)
        {
            return OAuthError("invalid_client_id", "client identifier invalid");
        }

        if (form["client_secret"] != ConsumerSecret)
        {
            return OAuthError("invalid_client", "invalid client credentials");
        }

        var refreshToken = form["refresh_token"].ToString();
        if (!RefreshTokens.TryGetValue(refreshToken, out var userId))
        {
            return OAuthError("invalid_grant", "expired access/refresh token");
        }

        AccessToken = $"{OrgId[..15]}!session-{Interlocked.Increment(ref _sessions)}";
        var identity = $"https://login.salesforce.com/id/{OrgId}/{userId}";
        var issuedAt = Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(SigningSecret ?? ConsumerSecret), Encoding.UTF8.GetBytes(identity + issuedAt)));
        var answer = new Dictionary<string, string>
        {
            ["access_token"] = AccessToken,
            ["signature"] = signature,
            ["scope"] = "refresh_token api",
            ["instance_url"] = BaseUri.ToString().TrimEnd('/'),
            ["id"] = identity,
            ["token_type"] = "Bearer",
            ["issued_at"] = issuedAt,
        };
        if (RotateRefreshTokens)
        {
            RefreshTokens.TryRemove(refreshToken, out _);
            var rotated = $"5Aep861rotated{Interlocked.Increment(ref _sessions)}";
            RefreshTokens[rotated] = userId;
            answer["refresh_token"] = rotated;
        }

        return Results.Json(answer);
    });

    private static IResult OAuthError(string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: StatusCodes.Status400BadRequest);
}
