using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SalesCoach.Coaching.Signals;
using SalesCoach.Coaching.Tests.Fakes;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Tenants;
using SalesCoach.TestSupport;

namespace SalesCoach.Api.Tests.Privacy;

/// <summary>
/// The real host (Kestrel on 127.0.0.1) over a fresh store of either kind, on a clock the test moves: interactions are
/// made "old" by living through the days, not by editing rows. The retention service is off unless a test turns it on.
/// </summary>
public sealed class PrivacyHost : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    private PrivacyHost(TestStore store, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        Store = store;
        _settings = settings;
        _services = services;
    }

    public TestStore Store { get; }

    public SettableTimeProvider Clock { get; } = new(Start);

    /// <param name="services">Replaces services after the host's own registrations (a CRM's token source).</param>
    public static async Task<PrivacyHost> StartAsync(
        StorageProvider provider, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var store = await TestStore.CreateAsync(provider);
        var host = new PrivacyHost(store, settings ?? new Dictionary<string, string?>(), services);
        host.UseKestrel(0);
        host.StartServer();
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in Store.ToConfiguration())
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Privacy:Retention:Enabled", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<ISignalClassifier>(new KeywordSignalClassifier());
            _services?.Invoke(services);
        });
    }

    /// <summary>A client holding the admin key of a new tenant.</summary>
    public async Task<(string TenantId, HttpClient Admin)> NewTenantAsync(string name = "Tenant")
    {
        var (tenant, key) = await Services.GetRequiredService<TenantStore>().CreateAsync(name);
        return (tenant.Id, ClientWith(key));
    }

    /// <summary>A client holding a rep's key of the tenant (not an admin).</summary>
    public async Task<HttpClient> RepClientAsync(string tenantId)
    {
        var key = ApiKeys.Generate();
        await using var connection = await Store.Database.OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO api_keys (id, tenant_id, key_hash, prefix, role, created_at) VALUES (@id, @tenantId, @hash, @prefix, @role, 0)",
            new { id = Guid.NewGuid().ToString("N"), tenantId, hash = ApiKeys.Hash(key), prefix = ApiKeys.DisplayPrefix(key), role = Roles.Rep });
        return ClientWith(key);
    }

    public HttpClient ClientWith(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async Task<long> CountAsync(string table, string tenantId, string? where = null, object? args = null)
    {
        await using var connection = await Store.Database.OpenAsync();
        var parameters = new DynamicParameters(args);
        parameters.Add("tenantId", tenantId);
        return await connection.ExecuteScalarAsync<long>(
            $"SELECT COUNT(*) FROM {table} WHERE tenant_id = @tenantId{(where is null ? "" : " AND " + where)}", parameters);
    }

    public async Task<List<(string Action, string? Detail)>> AuditAsync(HttpClient admin)
    {
        var entries = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?limit=500");
        return [.. entries.EnumerateArray().Select(e => (e.GetProperty("action").GetString()!, e.GetProperty("detail").GetString()))];
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Store.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
