using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SalesCoach.Crm.Resilience;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Crm.Salesforce;

/// <summary>A renewed session: the new access token, and a new refresh token when the connected app rotates them.</summary>
public sealed record SalesforceSession(string AccessToken, string? RotatedRefreshToken)
{
    public override string ToString() => "SalesforceSession { (tokens hidden) }";
}

/// <summary>
/// Salesforce's OAuth 2.0 refresh token flow: <c>POST /services/oauth2/token</c> on the org's own (My Domain) host with
/// <c>grant_type=refresh_token</c>, the connected app's consumer key and secret, and the user's refresh token. The answer
/// is checked before it is trusted: its <c>signature</c> (HMAC-SHA256 of <c>id + issued_at</c> with the consumer secret)
/// and its identity URL (<c>.../id/&lt;org&gt;/&lt;user&gt;</c>) must name the org and user the refresh token was stored for.
/// </summary>
public sealed class SalesforceOAuthClient(HttpClient http, IOptions<SalesforceOptions> options, TimeProvider time)
{
    private readonly SalesforceOptions _options = options.Value;

    public bool IsConfigured => _options.CanRefreshTokens;

    public async Task<SalesforceSession> RefreshAsync(
        Uri instanceUrl, string orgId, string userId, string refreshToken, CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            throw new CrmException(CrmKinds.Salesforce, CrmErrorKind.SessionExpired, null, "refresh_not_configured",
                "Salesforce token refresh is not configured (Crm:Salesforce:ConsumerKey and ConsumerSecret).");
        }

        var baseUri = InstanceUrlGuard.Check(CrmKinds.Salesforce, instanceUrl, _options.AllowedInstanceHosts);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "services/oauth2/token"))
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "refresh_token"),
                new("client_id", _options.ConsumerKey!),
                new("client_secret", _options.ConsumerSecret!),
                new("refresh_token", refreshToken),
            ]),
        };
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, cancellationToken);
        }

        JsonElement body;
        try
        {
            body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        }
        catch (JsonException)
        {
            throw BadAnswer("The token endpoint did not answer JSON.");
        }

        var accessToken = Text(body, "access_token") ?? throw BadAnswer("The token answer has no access_token.");
        var identity = Text(body, "id") ?? throw BadAnswer("The token answer has no id.");
        var issuedAt = Text(body, "issued_at") ?? throw BadAnswer("The token answer has no issued_at.");
        var signature = Text(body, "signature") ?? throw BadAnswer("The token answer has no signature.");
        if (!SignatureMatches(identity, issuedAt, signature))
        {
            throw BadAnswer("The token answer's signature does not match the consumer secret.");
        }

        if (!NamesUser(identity, orgId, userId))
        {
            throw BadAnswer("The token answer is for another org or user than the refresh token was stored for.");
        }

        return new SalesforceSession(accessToken, Text(body, "refresh_token"));
    }

    private bool SignatureMatches(string identity, string issuedAt, string signature)
    {
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(_options.ConsumerSecret!), Encoding.UTF8.GetBytes(identity + issuedAt));
        var given = new byte[expected.Length];
        return Convert.TryFromBase64String(signature, given, out var length) && length == expected.Length
            && CryptographicOperations.FixedTimeEquals(given, expected);
    }

    // The identity URL ends in /id/<org id>/<user id>; ids are compared on their case-sensitive 15-character form.
    private static bool NamesUser(string identity, string orgId, string userId)
    {
        if (!Uri.TryCreate(identity, UriKind.Absolute, out var url))
        {
            return false;
        }

        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 3 && segments[^3] == "id" && SameId(segments[^2], orgId) && SameId(segments[^1], userId);
    }

    private static bool SameId(string a, string b) =>
        a.Length >= 15 && b.Length >= 15 && string.CompareOrdinal(a, 0, b, 0, 15) == 0;

    private static string? Text(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && value.GetString() is { Length: > 0 } text ? text : null;

    private static CrmException BadAnswer(string message) =>
        new(CrmKinds.Salesforce, CrmErrorKind.Failed, null, "bad_token_response", message);

    /// <summary>
    /// The token endpoint's errors are <c>{"error","error_description"}</c>. <c>invalid_grant</c> (revoked, expired, or the
    /// user's access withdrawn) cannot be fixed by trying again: only the rep opening the app again brings a new token.
    /// </summary>
    private async Task<CrmException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        string? code = null;
        string? description = null;
        try
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            code = Text(json.RootElement, "error");
            description = Text(json.RootElement, "error_description");
        }
        catch (JsonException)
        {
            // A gateway's HTML error page: the status says enough.
        }

        var kind = code switch
        {
            "invalid_grant" => CrmErrorKind.SessionExpired,
            "invalid_client" or "invalid_client_id" or "unauthorized_client" => CrmErrorKind.Forbidden,
            _ when status == (int)HttpStatusCode.BadRequest => CrmErrorKind.Invalid,
            _ => CrmException.KindOf(status),
        };
        var message = code == "invalid_grant"
            ? $"Salesforce refused the stored refresh token ({description ?? code}): the rep opens SalesCoach in Salesforce again."
            : $"The Salesforce token endpoint answered {status} {code}{(description is null ? "" : ": " + description)}.";
        return new CrmException(CrmKinds.Salesforce, kind, status, code, message, RetryAfter.From(response, time.GetUtcNow()));
    }
}
