using Microsoft.Extensions.DependencyInjection;
using SalesCoach.Crm.Dataverse;
using SalesCoach.Crm.HubSpot;
using SalesCoach.Crm.Resilience;
using SalesCoach.Crm.Salesforce;

namespace SalesCoach.Crm.Tests.Resilience;

public sealed class HandlerChainTests
{
    [Theory]
    [InlineData(typeof(SalesforceClient), typeof(BearerTokenHandler))]
    [InlineData(typeof(DataverseClient), typeof(DataverseTokenHandler))]
    [InlineData(typeof(HubSpotClient), typeof(BearerTokenHandler))]
    public async Task AddCrmTwice_EachClient_HasOneResilienceHandlerOutsideItsAuthHandler(Type client, Type auth)
    {
        await using var services = CrmTestHost.Create(configure: s => s.AddCrm());

        var chain = new List<Type>();
        for (HttpMessageHandler? handler = services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(client.Name);
             handler is DelegatingHandler delegating; handler = delegating.InnerHandler)
        {
            chain.Add(handler.GetType());
        }

        var relevant = chain.Where(t => t == typeof(CrmResilienceHandler) || t == auth).ToList();
        Assert.Equal([typeof(CrmResilienceHandler), auth], relevant);
    }
}
