using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using SalesCoach.Api.Tests.Infrastructure;
using SalesCoach.Storage.Database;
using SalesCoach.TestSupport;

namespace SalesCoach.Api.Tests.Admin;

/// <summary>The demo tenant's key comes from configuration, which a developer may change and change back between runs.</summary>
public sealed class DemoTenantStartTests
{
    private const string KeyA = "sc_demo_key_first_0123456789";
    private const string KeyB = "sc_demo_key_second_012345678";

    [Theory, ClassData(typeof(BothStores))]
    public async Task Start_DemoKeySwitchedToBAndBackToA_StartsAndOnlyTheConfiguredKeyWorks(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);

        foreach (var (configured, replaced) in new[] { (KeyA, KeyB), (KeyB, KeyA), (KeyA, KeyB) })
        {
            await using var host = Host(store, configured);
            Assert.Equal(HttpStatusCode.OK, await MeAsync(host, configured));
            Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(host, replaced));
        }
    }

    private static WebApplicationFactory<Program> Host(TestStore store, string demoKey) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>(store.ToConfiguration())
            {
                ["Operator:ApiKey"] = ApiFactory.OperatorKey,
                ["Demo:ApiKey"] = demoKey,
            }));
        });

    private static async Task<HttpStatusCode> MeAsync(WebApplicationFactory<Program> host, string key)
    {
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return (await client.GetAsync("/api/v1/me")).StatusCode;
    }
}
