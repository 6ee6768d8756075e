using System.ComponentModel.DataAnnotations;

namespace SalesCoach.Crm.Dataverse;

/// <summary>
/// Configuration section <c>Crm:Dataverse</c>: the multi-tenant app registration the backend uses for
/// server-to-server calls (client credentials). When <c>Enabled</c>, the client id and secret are required, so
/// a missing secret fails start-up. The secret comes from the environment (Crm__Dataverse__ClientSecret).
/// </summary>
public sealed class DataverseOptions : IValidatableObject
{
    public const string Section = "Crm:Dataverse";

    public bool Enabled { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The Entra authority host; each customer's tenant id is appended per call.</summary>
    [Required, Url]
    public string AuthorityHost { get; set; } = "https://login.microsoftonline.com";

    /// <summary>Authority validation and instance discovery; false only for a non-Microsoft authority such as a test token endpoint.</summary>
    public bool ValidateAuthority { get; set; } = true;

    [Required, RegularExpression(@"^v\d\.\d$")]
    public string ApiVersion { get; set; } = "v9.2";

    [Required, MinLength(1)]
    public string[] AllowedInstanceHosts { get; set; } = [".dynamics.com", ".crm.microsoftdynamics.us", ".crm.dynamics.cn"];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && (string.IsNullOrWhiteSpace(ClientId) || string.IsNullOrWhiteSpace(ClientSecret)))
        {
            yield return new ValidationResult(
                "Crm:Dataverse:ClientId and Crm:Dataverse:ClientSecret are required when Crm:Dataverse:Enabled is true.",
                [nameof(ClientId), nameof(ClientSecret)]);
        }
    }
}
