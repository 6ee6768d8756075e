using System.ComponentModel.DataAnnotations;

namespace SalesCoach.Api.Auth;

/// <summary>Configuration section <c>Operator</c>: the key that may create tenants (environment <c>Operator__ApiKey</c>).</summary>
public sealed class OperatorOptions
{
    public const string Section = "Operator";

    [Required(ErrorMessage = "Operator:ApiKey is required (set the environment variable Operator__ApiKey).")]
    [MinLength(16, ErrorMessage = "Operator:ApiKey must be at least 16 characters.")]
    public string ApiKey { get; set; } = "";
}
