using System.ComponentModel.DataAnnotations;

namespace SalesCoach.Api.Surfaces.Dynamics;

/// <summary>Configuration section <c>Dynamics</c>: the Entra ID app registration the PCF control gets tokens for.</summary>
public sealed class DynamicsOptions
{
    public const string Section = "Dynamics";

    /// <summary>
    /// The Entra authority, e.g. https://login.microsoftonline.com/organizations/v2.0 for any work tenant
    /// (each tenant still has to be connected). Its OpenID metadata gives the issuer and signing keys.
    /// Unset: Entra tokens are not accepted.
    /// </summary>
    [Url]
    public string? Authority { get; set; }

    /// <summary>Optional explicit metadata address; default: Authority + /.well-known/openid-configuration.</summary>
    [Url]
    public string? MetadataAddress { get; set; }

    /// <summary>Accepted audiences: the app ID URI (api://...) and/or the client id, comma separated.</summary>
    public string? Audience { get; set; }

    public string MetadataUrl => MetadataAddress is { Length: > 0 } address
        ? address
        : (Authority ?? "").TrimEnd('/') + "/.well-known/openid-configuration";

    public IReadOnlyList<string> Audiences =>
        (Audience ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
