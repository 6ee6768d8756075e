using System.Net.Http.Headers;

namespace SalesCoach.Crm.Dataverse;

/// <summary>Adds the app-only token of the environment the request goes to, for the tenant the client named.</summary>
public sealed class DataverseTokenHandler(IAccessTokenSource tokens) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<string> EntraTenant = new("SalesCoach.Crm.Dataverse.EntraTenant");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(EntraTenant, out var tenant))
        {
            throw new InvalidOperationException("Dataverse requests must name the customer's Entra tenant.");
        }

        var token = await tokens.GetTokenAsync(tenant, request.RequestUri!, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken);
    }
}
