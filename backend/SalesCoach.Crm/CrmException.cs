namespace SalesCoach.Crm;

/// <summary>What went wrong in CRM terms, so callers (and the UI) can act without parsing vendor bodies.</summary>
public enum CrmErrorKind
{
    /// <summary>The user's CRM session or token has expired: sign in to the CRM again.</summary>
    SessionExpired,
    Forbidden,
    NotFound,
    Invalid,
    Conflict,
    Throttled,
    Unavailable,
    Failed,
}

/// <summary>A CRM call that failed, with the vendor's error code and message kept for logs and support.</summary>
public sealed class CrmException(
    string crm, CrmErrorKind kind, int? statusCode, string? errorCode, string message,
    TimeSpan? retryAfter = null, string? correlationId = null, Exception? inner = null)
    : Exception($"{crm}: {message}", inner)
{
    public string Crm { get; } = crm;

    public CrmErrorKind Kind { get; } = kind;

    public int? StatusCode { get; } = statusCode;

    /// <summary>The vendor's own code: Salesforce errorCode, Dataverse 0x... code, HubSpot category.</summary>
    public string? ErrorCode { get; } = errorCode;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    public string? CorrelationId { get; } = correlationId;

    public bool IsSessionExpired => Kind == CrmErrorKind.SessionExpired;

    /// <summary>The kind implied by a status code when the body says nothing more specific.</summary>
    public static CrmErrorKind KindOf(int status) => status switch
    {
        401 => CrmErrorKind.SessionExpired,
        403 => CrmErrorKind.Forbidden,
        404 => CrmErrorKind.NotFound,
        400 or 422 => CrmErrorKind.Invalid,
        409 or 412 => CrmErrorKind.Conflict,
        429 => CrmErrorKind.Throttled,
        502 or 503 or 504 => CrmErrorKind.Unavailable,
        _ => CrmErrorKind.Failed,
    };
}
