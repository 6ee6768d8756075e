using System.Text.Json;
using SalesCoach.Crm.Resilience;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Crm.HubSpot;

/// <summary>Maps HubSpot's <c>{message, category, correlationId, errors[], context}</c> to a <see cref="CrmException"/>.</summary>
internal static class HubSpotErrors
{
    public static async Task<CrmException> ToExceptionAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        string? category = null, correlationId = null;
        var message = $"HubSpot answered {status}.";
        try
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                category = root.TryGetProperty("category", out var c) ? c.GetString() : null;
                correlationId = root.TryGetProperty("correlationId", out var id) ? id.GetString() : null;
                message = root.TryGetProperty("message", out var m) ? m.GetString() ?? message : message;
            }
        }
        catch (JsonException)
        {
            // Some edge errors are not JSON; the status code decides.
        }

        var kind = category switch
        {
            "EXPIRED_AUTHENTICATION" or "INVALID_AUTHENTICATION" => CrmErrorKind.SessionExpired,
            "MISSING_SCOPES" => CrmErrorKind.Forbidden,
            "OBJECT_NOT_FOUND" => CrmErrorKind.NotFound,
            "RATE_LIMITS" => CrmErrorKind.Throttled,
            "VALIDATION_ERROR" => CrmErrorKind.Invalid,
            "CONFLICT" => CrmErrorKind.Conflict,
            _ => CrmException.KindOf(status),
        };
        return new CrmException(CrmKinds.HubSpot, kind, status, category, message, RetryAfter.From(response, now), correlationId);
    }
}
