using System.Net.Http.Headers;

namespace SalesCoach.Crm.Resilience;

/// <summary>Sends the token the client attached to the request (a user's or a connection's), never logging it.</summary>
public sealed class BearerTokenHandler(string crm) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(CrmRequest.AccessToken, out var token) || string.IsNullOrEmpty(token))
        {
            throw new CrmException(crm, CrmErrorKind.SessionExpired, null, "no_token", "No CRM access token is available for this call.");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return base.SendAsync(request, cancellationToken);
    }
}
