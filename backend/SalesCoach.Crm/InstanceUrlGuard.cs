using System.Net;

namespace SalesCoach.Crm;

/// <summary>
/// A user's CRM token goes only to a host of that CRM: https, and a host in the configured list (exact, or a
/// subdomain of an entry starting with '.'). Plain http is accepted only for loopback hosts listed explicitly
/// (the test fakes), so a forged instance URL cannot lure a token elsewhere.
/// </summary>
public static class InstanceUrlGuard
{
    public static Uri Check(string crm, Uri instanceUrl, IReadOnlyCollection<string> allowedHosts)
    {
        var host = instanceUrl.IdnHost;
        var listed = allowedHosts.Any(allowed => allowed.StartsWith('.')
            ? host.EndsWith(allowed, StringComparison.OrdinalIgnoreCase)
            : host.Equals(allowed, StringComparison.OrdinalIgnoreCase));
        var schemeOk = instanceUrl.Scheme == Uri.UriSchemeHttps
            || (instanceUrl.Scheme == Uri.UriSchemeHttp && IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
        if (!instanceUrl.IsAbsoluteUri || !listed || !schemeOk || !string.IsNullOrEmpty(instanceUrl.UserInfo))
        {
            throw new CrmException(crm, CrmErrorKind.Invalid, null, "instance_url", $"The instance URL host '{host}' is not an allowed {crm} host.");
        }

        return new Uri(instanceUrl.GetLeftPart(UriPartial.Authority) + "/");
    }
}
