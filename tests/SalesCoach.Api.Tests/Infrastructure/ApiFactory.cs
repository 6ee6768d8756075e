using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using SalesCoach.Storage.Database;
using SalesCoach.TestSupport;

namespace SalesCoach.Api.Tests.Infrastructure;

/// <summary>
/// The real host over a fresh store of the given kind, with known operator and demo keys.
/// One factory per test class (IClassFixture) keeps each class's data separate.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string OperatorKey = "test-operator-key-0123456789";
    public const string DemoKey = "sc_test_demo_key_0123456789";

    private readonly StorageProvider _provider;
    private TestStore? _store;

    public ApiFactory()
        : this(StorageProvider.Sqlite)
    {
    }

    protected ApiFactory(StorageProvider provider) => _provider = provider;

    public TestStore Store => _store ?? throw new InvalidOperationException("The factory is not initialised yet.");

    public async ValueTask InitializeAsync() => _store = await TestStore.CreateAsync(_provider);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>(Store.ToConfiguration())
        {
            ["Operator:ApiKey"] = OperatorKey,
            ["Demo:ApiKey"] = DemoKey,
        }));
    }

    public HttpClient CreateClient(string? bearer)
    {
        var client = CreateClient();
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    /// <summary>Creates a tenant through the operator API, as an operator would, and returns a client holding its key.</summary>
    public async Task<(string TenantId, HttpClient Client)> CreateTenantAsync(string name)
    {
        using var operatorClient = CreateClient(OperatorKey);
        var response = await operatorClient.PostAsJsonAsync("/api/v1/admin/tenants", new { name });
        response.EnsureSuccessStatusCode();
        var created = (await response.Content.ReadFromJsonAsync<CreatedTenantBody>())!;
        return (created.Id, CreateClient(created.ApiKey));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private sealed record CreatedTenantBody(string Id, string ApiKey);
}

public sealed class PostgresApiFactory : ApiFactory
{
    public PostgresApiFactory()
        : base(StorageProvider.Postgres)
    {
    }
}
