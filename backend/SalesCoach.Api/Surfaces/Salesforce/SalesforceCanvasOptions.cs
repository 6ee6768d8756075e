using System.ComponentModel.DataAnnotations;

namespace SalesCoach.Api.Surfaces.Salesforce;

/// <summary>Configuration section <c>Salesforce</c> (environment <c>Salesforce__ConsumerSecret</c>; never appsettings.json).</summary>
public sealed class SalesforceCanvasOptions
{
    public const string Section = "Salesforce";

    /// <summary>The connected app's consumer secret, which keys the canvas signed request's HMAC. Unset: the canvas answers 503.</summary>
    [MinLength(16, ErrorMessage = "Salesforce:ConsumerSecret must be at least 16 characters.")]
    public string? ConsumerSecret { get; set; }

    /// <summary>Optional upper bound on a signed request's issuedAt age, in minutes (0: off; see SignedRequestVerifier).</summary>
    [Range(0, 7 * 24 * 60)]
    public int MaxSignedRequestAgeMinutes { get; set; }
}
