using System.Net;
using System.Text.Json;
using SalesCoach.Crm.Resilience;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Crm.Salesforce;

/// <summary>Maps Salesforce's error array <c>[{"message","errorCode"}]</c> to a <see cref="CrmException"/>.</summary>
internal static class SalesforceErrors
{
    public static async Task<CrmException> ToExceptionAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        string? code = null;
        var message = $"Salesforce answered {status}.";
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            using var json = JsonDocument.Parse(body);
            var first = json.RootElement.ValueKind == JsonValueKind.Array && json.RootElement.GetArrayLength() > 0
                ? json.RootElement[0] : json.RootElement;
            if (first.ValueKind == JsonValueKind.Object)
            {
                code = first.TryGetProperty("errorCode", out var c) ? c.GetString() : null;
                message = first.TryGetProperty("message", out var m) ? m.GetString() ?? message : message;
            }
        }
        catch (JsonException)
        {
            // Gateways answer HTML on some 5xx; the status code still says enough.
        }

        var kind = code switch
        {
            "INVALID_SESSION_ID" => CrmErrorKind.SessionExpired,
            "NOT_FOUND" or "ENTITY_IS_DELETED" => CrmErrorKind.NotFound,
            "INSUFFICIENT_ACCESS" or "INSUFFICIENT_ACCESS_OR_READONLY" or "API_DISABLED_FOR_ORG" => CrmErrorKind.Forbidden,
            "REQUEST_LIMIT_EXCEEDED" => CrmErrorKind.Throttled,
            "DUPLICATE_VALUE" => CrmErrorKind.Conflict,
            _ when status == (int)HttpStatusCode.Unauthorized => CrmErrorKind.SessionExpired,
            _ => CrmException.KindOf(status),
        };
        return new CrmException(CrmKinds.Salesforce, kind, status, code, message, RetryAfter.From(response, now));
    }
}
