using Dapper;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Tenants;
using SalesCoach.TestSupport;

namespace SalesCoach.Storage.Tests.Tenants;

public sealed class TenantStoreTests
{
    [Theory]
    [ClassData(typeof(BothStores))]
    public async Task CreateAsync_NewTenant_KeyResolvesToItAndOnlyItsHashIsStored(StorageProvider provider)
    {
        await using var world = await TenantWorld.CreateAsync(provider);
        var tenants = world.Tenants;

        var (tenant, key) = await tenants.CreateAsync("Acme");

        var identity = await tenants.FindByApiKeyAsync(key);
        Assert.NotNull(identity);
        Assert.Equal(tenant.Id, identity.TenantId);
        Assert.Equal(Roles.Admin, identity.Role);
        Assert.Equal("Acme", (await tenants.FindAsync(tenant.Id))!.Name);
        await using var connection = await world.Store.Database.OpenAsync();
        var storedKeyColumns = await connection.QueryAsync<string>("SELECT key_hash FROM api_keys");
        Assert.DoesNotContain(storedKeyColumns, value => value.Contains(key, StringComparison.Ordinal));
    }

    [Theory]
    [ClassData(typeof(BothStores))]
    public async Task FindByApiKeyAsync_UnknownOrAlteredKey_ReturnsNull(StorageProvider provider)
    {
        await using var world = await TenantWorld.CreateAsync(provider);
        var tenants = world.Tenants;
        var (_, key) = await tenants.CreateAsync("Acme");

        Assert.Null(await tenants.FindByApiKeyAsync(key + "x"));
        Assert.Null(await tenants.FindByApiKeyAsync(ApiKeys.Generate()));
    }

    [Theory]
    [ClassData(typeof(BothStores))]
    public async Task EnsureDemoTenantAsync_KeyChanged_OldKeyStopsWorking(StorageProvider provider)
    {
        await using var world = await TenantWorld.CreateAsync(provider);
        var tenants = world.Tenants;

        await tenants.EnsureDemoTenantAsync("sc_first_demo_key_0000");
        await tenants.EnsureDemoTenantAsync("sc_first_demo_key_0000");
        await tenants.EnsureDemoTenantAsync("sc_second_demo_key_000");

        Assert.Null(await tenants.FindByApiKeyAsync("sc_first_demo_key_0000"));
        Assert.Equal(TenantStore.DemoTenantId, (await tenants.FindByApiKeyAsync("sc_second_demo_key_000"))!.TenantId);
    }

    [Theory]
    [ClassData(typeof(BothStores))]
    public async Task EnsureDemoTenantAsync_KeySwitchedAndBack_ConfiguredKeyWorksAgainAndOnlyIt(StorageProvider provider)
    {
        await using var world = await TenantWorld.CreateAsync(provider);
        var tenants = world.Tenants;

        await tenants.EnsureDemoTenantAsync("sc_first_demo_key_0000");
        await tenants.EnsureDemoTenantAsync("sc_second_demo_key_000");
        await tenants.EnsureDemoTenantAsync("sc_first_demo_key_0000");
        await tenants.EnsureDemoTenantAsync("sc_first_demo_key_0000");

        var identity = await tenants.FindByApiKeyAsync("sc_first_demo_key_0000");
        Assert.Equal(TenantStore.DemoTenantId, identity!.TenantId);
        Assert.Equal(Roles.Admin, identity.Role);
        Assert.Null(await tenants.FindByApiKeyAsync("sc_second_demo_key_000"));
        await using var connection = await world.Store.Database.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM api_keys WHERE tenant_id = @id AND revoked_at IS NULL", new { id = TenantStore.DemoTenantId }));
    }

    [Theory]
    [ClassData(typeof(BothStores))]
    public async Task EnsureDemoTenantAsync_KeyOfARealTenantRevokedOrNot_FailsAndLeavesThatKeyAsItWas(StorageProvider provider)
    {
        await using var world = await TenantWorld.CreateAsync(provider);
        var tenants = world.Tenants;
        var (live, liveKey) = await tenants.CreateAsync("Live");
        var (_, revokedKey) = await tenants.CreateAsync("Revoked");
        await using (var connection = await world.Store.Database.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE api_keys SET revoked_at = 1 WHERE key_hash = @hash", new { hash = ApiKeys.Hash(revokedKey) });
        }

        // Only the demo tenant's own keys are the configuration's to reinstate: a real tenant's revoked key stays revoked.
        var reuse = await Assert.ThrowsAsync<InvalidOperationException>(() => tenants.EnsureDemoTenantAsync(revokedKey));
        Assert.Contains("Demo:ApiKey", reuse.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => tenants.EnsureDemoTenantAsync(liveKey));

        Assert.Null(await tenants.FindByApiKeyAsync(revokedKey));
        Assert.Equal(live.Id, (await tenants.FindByApiKeyAsync(liveKey))!.TenantId);
    }
}
