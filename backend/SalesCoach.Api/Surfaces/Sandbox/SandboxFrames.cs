using Microsoft.Extensions.Options;

namespace SalesCoach.Api.Surfaces.Sandbox;

/// <summary>
/// Whether the sandbox is on, and the one exception it makes to the frame policy: a demo org's
/// adapter page may be framed by the sandbox page itself (this server's own origin), nothing more.
/// </summary>
public sealed class SandboxFrames(IOptions<SandboxOptions> options, IHostEnvironment environment)
{
    public bool Enabled { get; } = options.Value.Enabled ?? environment.IsDevelopment();

    public SandboxOptions Demo => options.Value;

    public IEnumerable<string> AncestorsFor(HttpContext context, string crm, string orgId) =>
        Enabled && string.Equals(orgId, DemoOrgId(crm), StringComparison.Ordinal) ? [FramePolicy.OwnOrigin(context.Request)] : [];

    public string DemoOrgId(string crm) => crm switch
    {
        Storage.Tenants.CrmKinds.Salesforce => options.Value.SalesforceOrgId,
        Storage.Tenants.CrmKinds.Dynamics => options.Value.DynamicsTenantId,
        Storage.Tenants.CrmKinds.HubSpot => options.Value.HubSpotPortalId,
        _ => throw new ArgumentOutOfRangeException(nameof(crm), crm, "Unknown CRM."),
    };
}
