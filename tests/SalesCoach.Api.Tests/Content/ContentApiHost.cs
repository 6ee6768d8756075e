using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SalesCoach.Content.Library;
using SalesCoach.Storage.Database;
using SalesCoach.TestSupport;

namespace SalesCoach.Api.Tests.Content;

/// <summary>The real host over a fresh store of either kind; tenants are created through the operator API.</summary>
public sealed class ContentApiHost : WebApplicationFactory<Program>
{
    public const string OperatorKey = "test-operator-key-0123456789";
    public const string DemoKey = "sc_demo_key_for_content_tests";

    private readonly TestStore _store;
    private readonly bool _demo;
    private readonly bool _ownsStore;

    private ContentApiHost(TestStore store, bool demo, bool ownsStore = true)
    {
        _store = store;
        _demo = demo;
        _ownsStore = ownsStore;
    }

    public TestStore Store => _store;

    public static async Task<ContentApiHost> StartAsync(StorageProvider provider, bool demo = false) =>
        new(await TestStore.CreateAsync(provider, new ContentMigrations()), demo);

    /// <summary>A second host over the same store, as after a restart.</summary>
    public ContentApiHost Restart() => new(_store, _demo, ownsStore: false);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _store.ToConfiguration())
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Operator:ApiKey", OperatorKey);
        if (_demo)
        {
            builder.UseSetting("Demo:ApiKey", DemoKey);
        }
    }

    public HttpClient ClientFor(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>A new tenant and a client holding its admin key.</summary>
    public async Task<HttpClient> NewTenantAsync(string name)
    {
        using var operatorClient = ClientFor(OperatorKey);
        var response = await operatorClient.PostAsJsonAsync("/api/v1/admin/tenants", new { name });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<CreatedTenantBody>();
        return ClientFor(created!.ApiKey);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsStore)
        {
            await _store.DisposeAsync();
        }
    }

    private sealed record CreatedTenantBody(string Id, string ApiKey);
}
