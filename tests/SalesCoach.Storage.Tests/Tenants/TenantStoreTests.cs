using Dapper;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Tenants;
using SalesCoach.TestSupport;

namespace SalesCoach.Storage.Tests.Tenants;

public sealed class TenantStoreTests
{
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task CreateAsync_NewTenant_KeyResolvesToItAndOnlyItsHashIsStored(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var tenants = new TenantStore(store.Database, TimeProvider.System);

        var (tenant, key) = await tenants.CreateAsync("Acme");

        var identity = await tenants.FindByApiKeyAsync(key);
        Assert.NotNull(identity);
        Assert.Equal(tenant.Id, identity.TenantId);
        Assert.Equal(Roles.Admin, identity.Role);
        Assert.Equal("Acme", (await tenants.FindAsync(tenant.Id))!.Name);
        await using var connection = await store.Database.OpenAsync();
        var storedKeyColumns = await connection.QueryAsync<string>("SELECT key_hash FROM api_keys");
        Assert.DoesNotContain(storedKeyColumns, value => value.Contains(key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task FindByApiKeyAsync_UnknownOrAlteredKey_ReturnsNull(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var tenants = new TenantStore(store.Database, TimeProvider.System);
        var (_, key) = await tenants.CreateAsync("Acme");

        Assert.Null(await tenants.FindByApiKeyAsync(key + "x"));
        Assert.Null(await tenants.FindByApiKeyAsync(ApiKeys.Generate()));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task EnsureDemoTenantAsync_KeyChanged_OldKeyStopsWorking(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var tenants = new TenantStore(store.Database, TimeProvider.System);

        await tenants.EnsureDemoTenantAsync("sc_first_demo_key_0000");
        await tenants.EnsureDemoTenantAsync("sc_first_demo_key_0000");
        await tenants.EnsureDemoTenantAsync("sc_second_demo_key_000");

        Assert.Null(await tenants.FindByApiKeyAsync("sc_first_demo_key_0000"));
        Assert.Equal(TenantStore.DemoTenantId, (await tenants.FindByApiKeyAsync("sc_second_demo_key_000"))!.TenantId);
    }
}
