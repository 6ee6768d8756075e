using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Crm.Dataverse;

/// <summary>
/// Client-credentials tokens from MSAL's confidential client. One application object for the process: MSAL
/// keeps its in-memory app token cache there, partitioned by tenant, so repeated calls reuse a valid token.
/// </summary>
public sealed class MsalAccessTokenSource(IOptions<DataverseOptions> options, IMsalHttpClientFactory? httpClientFactory = null) : IAccessTokenSource
{
    private readonly Lazy<IConfidentialClientApplication> _app = new(() => Build(options.Value, httpClientFactory));

    public async Task<string> GetTokenAsync(string entraTenantId, Uri environmentUrl, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            throw new CrmException(CrmKinds.Dynamics, CrmErrorKind.Forbidden, null, "not_configured", "Dataverse is not enabled (Crm:Dataverse:Enabled).");
        }

        try
        {
            var result = await _app.Value.AcquireTokenForClient([Scope(environmentUrl)])
                .WithTenantId(entraTenantId)
                .ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }
        catch (MsalServiceException e)
        {
            throw new CrmException(CrmKinds.Dynamics, CrmErrorKind.Forbidden, e.StatusCode, e.ErrorCode,
                "The app could not obtain a Dataverse token: is it consented in the customer's tenant?", inner: e);
        }
    }

    /// <summary>The client-credentials scope of an environment: its root followed by /.default.</summary>
    public static string Scope(Uri environmentUrl) => environmentUrl.GetLeftPart(UriPartial.Authority) + "/.default";

    internal static IConfidentialClientApplication Build(DataverseOptions o, IMsalHttpClientFactory? httpClientFactory)
    {
        var builder = ConfidentialClientApplicationBuilder.Create(o.ClientId)
            .WithClientSecret(o.ClientSecret)
            .WithAuthority($"{o.AuthorityHost.TrimEnd('/')}/organizations", validateAuthority: o.ValidateAuthority)
            // Instance discovery asks login.microsoftonline.com about the host; off only for a private authority (tests).
            .WithInstanceDiscovery(o.ValidateAuthority);
        if (httpClientFactory is not null)
        {
            builder = builder.WithHttpClientFactory(httpClientFactory);
        }

        return builder.Build();
    }
}
