namespace SalesCoach.Crm.Salesforce;

/// <summary>
/// What the backend keeps from a verified canvas signed request. The OAuth token is
/// deliberately absent: it never leaves the verifier, so it cannot reach a log or a page.
/// </summary>
public sealed record CanvasRequest(
    string OrganizationId,
    string UserId,
    string? UserName,
    string? FullName,
    string? Email,
    string? Language,
    string? Locale,
    string? InstanceUrl,
    string? TargetOrigin,
    DateTimeOffset? IssuedAt,
    string? RecordType,
    string? RecordId,
    string? DisplayLocation);

public enum SignedRequestFailure
{
    None,
    Malformed,
    BadSignature,
    UnsupportedAlgorithm,
    MissingOrganization,
    IssuedInFuture,
    Expired,
}

/// <param name="Envelope">The verified JSON, for projecting what the canvas SDK needs in the page; holds the OAuth token.</param>
public sealed record SignedRequestResult(CanvasRequest? Request, SignedRequestFailure Failure, System.Text.Json.JsonElement Envelope = default)
{
    public bool IsValid => Request is not null;

    public static SignedRequestResult Fail(SignedRequestFailure failure) => new(null, failure);
}
