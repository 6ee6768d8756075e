using SalesCoach.Storage.Database;
using SalesCoach.Storage.Tenants;
using SalesCoach.TestSupport;

namespace SalesCoach.Storage.Tests.Tenants;

public sealed class CrmConnectionStoreTests
{
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task ConnectAsync_OrgOfAnotherTenant_IsRefusedAndOwnerKeepsIt(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var tenants = new TenantStore(store.Database, TimeProvider.System);
        var connections = new CrmConnectionStore(store.Database, TimeProvider.System);
        var (a, _) = await tenants.CreateAsync("A");
        var (b, _) = await tenants.CreateAsync("B");

        Assert.Equal(ConnectResult.Connected, await connections.ConnectAsync(a.Id, CrmKinds.Salesforce, "00D000000000001", "A org", null));
        Assert.Equal(ConnectResult.OrgTakenByAnotherTenant, await connections.ConnectAsync(b.Id, CrmKinds.Salesforce, "00D000000000001", null, null));

        Assert.Equal(a.Id, (await connections.FindByOrgAsync(CrmKinds.Salesforce, "00D000000000001"))!.TenantId);
        Assert.Empty(await connections.ListAsync(b.Id));
        Assert.Single(await connections.ListAsync(a.Id));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task DisconnectAsync_OtherTenantsCrm_RemovesNothing(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var tenants = new TenantStore(store.Database, TimeProvider.System);
        var connections = new CrmConnectionStore(store.Database, TimeProvider.System);
        var (a, _) = await tenants.CreateAsync("A");
        var (b, _) = await tenants.CreateAsync("B");
        await connections.ConnectAsync(a.Id, CrmKinds.HubSpot, "4711", null, null);

        Assert.False(await connections.DisconnectAsync(b.Id, CrmKinds.HubSpot));
        Assert.NotNull(await connections.FindByOrgAsync(CrmKinds.HubSpot, "4711"));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task ConnectAsync_SameTenantReconnects_ReplacesItsOrg(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var tenants = new TenantStore(store.Database, TimeProvider.System);
        var connections = new CrmConnectionStore(store.Database, TimeProvider.System);
        var (a, _) = await tenants.CreateAsync("A");

        await connections.ConnectAsync(a.Id, CrmKinds.Dynamics, "tenant-guid-1", null, "https://a.crm.dynamics.com");
        await connections.ConnectAsync(a.Id, CrmKinds.Dynamics, "tenant-guid-2", null, "https://a.crm.dynamics.com");

        var only = Assert.Single(await connections.ListAsync(a.Id));
        Assert.Equal("tenant-guid-2", only.OrgId);
        Assert.Null(await connections.FindByOrgAsync(CrmKinds.Dynamics, "tenant-guid-1"));
    }
}
