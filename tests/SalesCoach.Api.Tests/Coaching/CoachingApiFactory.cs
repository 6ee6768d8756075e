using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Signals;
using SalesCoach.Coaching.Tests.Fakes;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Tenants;
using SalesCoach.TestSupport;

namespace SalesCoach.Api.Tests.Coaching;

/// <summary>
/// The real host (Kestrel on 127.0.0.1, random port) over a fresh store of either kind. <paramref name="classifier"/> replaces
/// the signal model when a test needs to know exactly which signals a segment carries;
/// null keeps whatever the host loads (the shipped model).
/// </summary>
public sealed class CoachingApiFactory(TestStore store, ISignalClassifier? classifier, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public static async Task<(TestStore Store, CoachingApiFactory Factory)> CreateAsync(
        StorageProvider provider, bool keywordSignals = true, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var store = await TestStore.CreateAsync(provider, new CoachingMigrations());
        return (store, Start(store, keywordSignals, settings));
    }

    /// <summary>A host over an existing store: several of them over one store act as replicas.</summary>
    public static CoachingApiFactory Start(TestStore store, bool keywordSignals = true, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var factory = new CoachingApiFactory(store, keywordSignals ? new KeywordSignalClassifier() : null, settings);
        // Real Kestrel on 127.0.0.1: the in-memory test server holds response headers back until a body write,
        // so an idle event stream would never open; Kestrel also enforces the real body size limit.
        factory.UseKestrel(0);
        factory.StartServer();
        return factory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in store.ToConfiguration())
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (classifier is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(classifier));
        }
    }

    /// <summary>A client authenticated as the admin key of a new tenant.</summary>
    public async Task<(string TenantId, HttpClient Client)> NewTenantClientAsync(string name = "Tenant")
    {
        var (tenant, key) = await Services.GetRequiredService<TenantStore>().CreateAsync(name);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return (tenant.Id, client);
    }

    public async Task<long> CountAsync(string table, string tenantId)
    {
        await using var connection = await store.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE tenant_id = @tenantId", new { tenantId });
    }
}

public static class CoachingClient
{
    public static readonly object NewCall = new { crm = "hubspot", recordType = "deal", recordId = "42", repId = "rep-1", language = "en", channel = "call" };

    public static async Task<string> CreateInteractionAsync(this HttpClient client, object? body = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/interactions", body ?? NewCall);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return created.GetProperty("id").GetString()!;
    }

    public static object Segment(long seq, string speaker, string text, long startMs, long endMs) =>
        new { seq, speaker, text, startMs, endMs };

    public static Task<HttpResponseMessage> PostSegmentsAsync(this HttpClient client, string id, params object[] segments) =>
        client.PostAsJsonAsync($"/api/v1/interactions/{id}/segments", new { segments });
}
