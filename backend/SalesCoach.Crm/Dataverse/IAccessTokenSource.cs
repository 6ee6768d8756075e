namespace SalesCoach.Crm.Dataverse;

/// <summary>An app-only access token for one Dataverse environment, issued by the customer's Entra tenant.</summary>
public interface IAccessTokenSource
{
    /// <param name="entraTenantId">The customer's Entra tenant id.</param>
    /// <param name="environmentUrl">The environment root, e.g. https://contoso.crm.dynamics.com; the scope is its <c>/.default</c>.</param>
    Task<string> GetTokenAsync(string entraTenantId, Uri environmentUrl, CancellationToken cancellationToken);
}
