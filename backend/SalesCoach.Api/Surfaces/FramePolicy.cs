namespace SalesCoach.Api.Surfaces;

/// <summary>
/// Security headers of every adapter page: only the given CRM origins may frame it, scripts come from
/// this origin only (the pages carry no inline script), and the page, which holds
/// a session token, is neither cached nor leaked through a Referer. Styles may be inline: the bundles
/// (the canvas SDK among them) inject style elements, and styles cannot run code; scripts stay 'self'.
/// </summary>
public static class FramePolicy
{
    public static void Apply(HttpResponse response, IEnumerable<string> frameAncestors)
    {
        var ancestors = string.Join(' ', frameAncestors.Distinct(StringComparer.OrdinalIgnoreCase));
        response.Headers.ContentSecurityPolicy =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
            $"frame-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors {(ancestors.Length == 0 ? "'none'" : ancestors)}";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
    }

    /// <summary>The origin (scheme://host[:port]) of an absolute http(s) URL, or null.</summary>
    public static string? OriginOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
            : null;

    public static string OwnOrigin(HttpRequest request) => $"{request.Scheme}://{request.Host}".ToLowerInvariant();
}
