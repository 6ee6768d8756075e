namespace SalesCoach.Crm.Resilience;

/// <summary>Per-request facts the shared handlers read: whether a retry is safe, and the caller's token.</summary>
public static class CrmRequest
{
    /// <summary>Set by a client on a POST whose repetition cannot duplicate anything (a search, an upsert by key).</summary>
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("SalesCoach.Crm.Idempotent");

    /// <summary>The bearer token to send, when it belongs to a user or connection rather than to the app.</summary>
    public static readonly HttpRequestOptionsKey<string> AccessToken = new("SalesCoach.Crm.AccessToken");

    public static HttpRequestMessage MarkIdempotent(this HttpRequestMessage request)
    {
        request.Options.Set(Idempotent, true);
        return request;
    }

    public static HttpRequestMessage WithAccessToken(this HttpRequestMessage request, string accessToken)
    {
        request.Options.Set(AccessToken, accessToken);
        return request;
    }

    /// <summary>GET, HEAD, PUT, PATCH and DELETE may repeat by HTTP's definition; a POST only when marked.</summary>
    public static bool IsRetrySafe(HttpRequestMessage request)
    {
        var method = request.Method;
        if (method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put
            || method == HttpMethod.Patch || method == HttpMethod.Delete || method == HttpMethod.Options)
        {
            return true;
        }

        return request.Options.TryGetValue(Idempotent, out var marked) && marked;
    }
}
