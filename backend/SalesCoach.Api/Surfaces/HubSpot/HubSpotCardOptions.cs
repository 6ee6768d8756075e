using System.ComponentModel.DataAnnotations;

namespace SalesCoach.Api.Surfaces.HubSpot;

/// <summary>Configuration section <c>HubSpot</c> (environment <c>HubSpot__ClientSecret</c>, <c>HubSpot__PublicBaseUrl</c>).</summary>
public sealed class HubSpotCardOptions
{
    public const string Section = "HubSpot";

    /// <summary>The app's client secret, which keys the v3 request signature. Unset: every /hubspot/ route answers 401.</summary>
    [MinLength(16, ErrorMessage = "HubSpot:ClientSecret must be at least 16 characters.")]
    public string? ClientSecret { get; set; }

    /// <summary>
    /// The base URL HubSpot calls (e.g. https://coach.example.com), which maps onto this server's root.
    /// Behind a proxy the request's own scheme and host differ from what HubSpot signed; unset, they are used.
    /// </summary>
    [Url(ErrorMessage = "HubSpot:PublicBaseUrl must be an absolute URL such as https://coach.example.com.")]
    public string? PublicBaseUrl { get; set; }
}
