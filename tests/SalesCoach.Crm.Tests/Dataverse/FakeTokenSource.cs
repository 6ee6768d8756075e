using System.Collections.Concurrent;
using SalesCoach.Crm.Dataverse;

namespace SalesCoach.Crm.Tests.Dataverse;

/// <summary>Stands in for MSAL: hands out the fake's token and records which tenant and scope were asked for.</summary>
public sealed class FakeTokenSource(string token) : IAccessTokenSource
{
    public ConcurrentQueue<(string Tenant, string Scope)> Requests { get; } = new();

    public Task<string> GetTokenAsync(string entraTenantId, Uri environmentUrl, CancellationToken cancellationToken)
    {
        Requests.Enqueue((entraTenantId, MsalAccessTokenSource.Scope(environmentUrl)));
        return Task.FromResult(token);
    }
}
