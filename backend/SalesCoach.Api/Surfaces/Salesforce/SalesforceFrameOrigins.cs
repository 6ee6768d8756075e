using System.Text.RegularExpressions;
using SalesCoach.Crm.Salesforce;

namespace SalesCoach.Api.Surfaces.Salesforce;

/// <summary>
/// The origins that may frame the canvas page for one org: the org's My Domain as the signed request
/// names it (instanceUrl, targetOrigin) and that domain's Lightning and Visualforce hosts, following
/// Salesforce's enhanced-domain formats (production and sandbox). Nothing else.
/// </summary>
public static partial class SalesforceFrameOrigins
{
    public static IReadOnlyList<string> For(CanvasRequest request, string? connectedInstanceUrl)
    {
        var origins = new List<string>();
        foreach (var url in new[] { request.InstanceUrl, request.TargetOrigin, connectedInstanceUrl })
        {
            if (FramePolicy.OriginOf(url) is not { } origin || !origin.StartsWith("https://", StringComparison.Ordinal))
            {
                continue;
            }

            var host = origin["https://".Length..];
            if (MyDomain().Match(host) is not { Success: true } match)
            {
                // Legacy instance hosts (na1.salesforce.com) frame from themselves only.
                if (host.EndsWith(".salesforce.com", StringComparison.Ordinal) || host.EndsWith(".force.com", StringComparison.Ordinal))
                {
                    origins.Add(origin);
                }

                continue;
            }

            var name = match.Groups["name"].Value;
            var sandbox = match.Groups["sandbox"].Success ? "sandbox." : "";
            origins.Add($"https://{name}.{sandbox}my.salesforce.com");
            origins.Add($"https://{name}.{sandbox}lightning.force.com");
            origins.Add($"https://{name}--c.{sandbox}vf.force.com");
            if (!origins.Contains(origin))
            {
                origins.Add(origin);
            }
        }

        return origins.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>What may frame an error page about a request we could not verify: Salesforce's hosts in general.</summary>
    public static IReadOnlyList<string> AnyOrg { get; } =
        ["https://*.my.salesforce.com", "https://*.lightning.force.com", "https://*.vf.force.com"];

    // name.my.salesforce.com, name.lightning.force.com, name--c.vf.force.com, and the same under "sandbox.".
    [GeneratedRegex(@"^(?<name>[a-z0-9][a-z0-9-]*?)(--c)?\.(?<sandbox>sandbox\.)?(my\.salesforce\.com|lightning\.force\.com|vf\.force\.com)$")]
    private static partial Regex MyDomain();
}
