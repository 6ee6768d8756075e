using System.ComponentModel.DataAnnotations;

namespace SalesCoach.Api.Surfaces.Sandbox;

/// <summary>
/// Configuration section <c>Sandbox</c>: the page at <c>/</c> that hosts each adapter the way its CRM
/// frames it, against the demo tenant. On in Development unless <c>Sandbox:Enabled</c> says otherwise.
/// </summary>
public sealed class SandboxOptions
{
    public const string Section = "Sandbox";

    public bool? Enabled { get; set; }

    [Required, StringLength(18, MinimumLength = 15)]
    public string SalesforceOrgId { get; set; } = "00D5e000000DEMOAAA";

    [Required]
    public string DynamicsTenantId { get; set; } = "8f9e7d6c-5b4a-4321-9abc-def012345678";

    [Required, RegularExpression("^[0-9]{1,12}$")]
    public string HubSpotPortalId { get; set; } = "456789";
}

/// <summary>The demo records the sandbox shows, one per CRM, in each CRM's own id format.</summary>
public static class DemoRecords
{
    public const string SalesforceOpportunityId = "0065e00000DEMO1AAA";
    public const string SalesforceUserId = "0055e00000DEMO1AAA";
    public const string DynamicsOpportunityId = "7d2f4b1e-9c3a-4e8b-a1d2-3f5e6a7b8c9d";
    public const string HubSpotDealId = "9001";
    public const string HubSpotUserId = "123";
    public const string RecordName = "Acme Manufacturing: Quillon Forecast, 80 seats";
}
