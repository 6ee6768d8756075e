using System.Text.Json;
using SalesCoach.Crm.Resilience;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Crm.Dataverse;

/// <summary>Maps the OData error <c>{"error":{"code","message"}}</c> to a <see cref="CrmException"/>.</summary>
internal static class DataverseErrors
{
    // Dataverse codes worth telling apart from their status code (from the Web API error reference).
    private const string DuplicateKey = "0x80040237";
    private const string PrivilegeDenied = "0x80040220";
    private const string ObjectNotFound = "0x80040217";

    public static async Task<CrmException> ToExceptionAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        string? code = null;
        var message = $"Dataverse answered {status}.";
        try
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error))
            {
                code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                message = error.TryGetProperty("message", out var m) ? m.GetString() ?? message : message;
            }
        }
        catch (JsonException)
        {
            // A gateway error page; the status code decides.
        }

        var kind = code switch
        {
            DuplicateKey => CrmErrorKind.Conflict,
            PrivilegeDenied => CrmErrorKind.Forbidden,
            ObjectNotFound => CrmErrorKind.NotFound,
            _ => CrmException.KindOf(status),
        };
        return new CrmException(CrmKinds.Dynamics, kind, status, code, message, RetryAfter.From(response, now));
    }
}
