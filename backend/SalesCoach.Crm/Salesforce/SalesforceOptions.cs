using System.ComponentModel.DataAnnotations;

namespace SalesCoach.Crm.Salesforce;

/// <summary>Configuration section <c>Crm:Salesforce</c>. The instance URL and token come per org/user, not from here.</summary>
public sealed class SalesforceOptions
{
    public const string Section = "Crm:Salesforce";

    [Required, RegularExpression(@"^v\d{2,3}\.\d$", ErrorMessage = "Crm:Salesforce:ApiVersion looks like v62.0.")]
    public string ApiVersion { get; set; } = "v62.0";

    /// <summary>Hosts a token may be sent to; entries starting with '.' allow subdomains.</summary>
    [Required, MinLength(1)]
    public string[] AllowedInstanceHosts { get; set; } = [".salesforce.com", ".force.com", ".salesforce.mil", ".cloudforce.com"];

    /// <summary>Stops following nextRecordsUrl after this many records, so one query cannot exhaust memory or the API budget.</summary>
    [Range(1, 50_000)]
    public int MaxQueryRecords { get; set; } = 2_000;

    /// <summary>Daily API usage share above which each call logs a warning.</summary>
    [Range(0.1, 1.0)]
    public double UsageWarningRatio { get; set; } = 0.8;

    /// <summary>
    /// The connected app's consumer key (client_id) for the OAuth 2.0 refresh token flow. With
    /// <see cref="ConsumerSecret"/> it lets the write-back renew a rep's expired session; unset, an expired
    /// session waits for the rep to open the canvas app again.
    /// </summary>
    [MaxLength(256)]
    public string? ConsumerKey { get; set; }

    /// <summary>The connected app's consumer secret (client_secret), from the environment. The host falls back to <c>Salesforce:ConsumerSecret</c>.</summary>
    [MaxLength(256)]
    public string? ConsumerSecret { get; set; }

    public bool CanRefreshTokens => ConsumerKey is { Length: > 0 } && ConsumerSecret is { Length: > 0 };
}
