using SalesCoach.Storage.Database;
using SalesCoach.Storage.Tenants;
using SalesCoach.TestSupport;

namespace SalesCoach.Storage.Tests.Tenants;

public sealed class CrmConnectionStoreTests
{
    [Theory]
    [ClassData(typeof(BothStores))]
    public async Task ConnectAsync_OrgOfAnotherTenant_IsRefusedAndOwnerKeepsIt(StorageProvider provider)
    {
        await using var world = await TenantWorld.CreateAsync(provider);
        var connections = world.Connections;
        var (a, b) = await world.TwoTenantsAsync();

        Assert.Equal(ConnectResult.Connected, await connections.ConnectAsync(a, CrmKinds.Salesforce, "00D000000000001", "A org", null));
        Assert.Equal(ConnectResult.OrgTakenByAnotherTenant, await connections.ConnectAsync(b, CrmKinds.Salesforce, "00D000000000001", null, null));

        Assert.Equal(a, (await connections.FindByOrgAsync(CrmKinds.Salesforce, "00D000000000001"))!.TenantId);
        Assert.Empty(await connections.ListAsync(b));
        Assert.Single(await connections.ListAsync(a));
    }

    [Theory]
    [ClassData(typeof(BothStores))]
    public async Task DisconnectAsync_OtherTenantsCrm_RemovesNothing(StorageProvider provider)
    {
        await using var world = await TenantWorld.CreateAsync(provider);
        var connections = world.Connections;
        var (a, b) = await world.TwoTenantsAsync();
        await connections.ConnectAsync(a, CrmKinds.HubSpot, "4711", null, null);

        Assert.False(await connections.DisconnectAsync(b, CrmKinds.HubSpot));
        Assert.NotNull(await connections.FindByOrgAsync(CrmKinds.HubSpot, "4711"));
    }

    [Theory]
    [ClassData(typeof(BothStores))]
    public async Task ConnectAsync_SameTenantReconnects_ReplacesItsOrg(StorageProvider provider)
    {
        await using var world = await TenantWorld.CreateAsync(provider);
        var connections = world.Connections;
        var (a, _) = await world.TwoTenantsAsync();

        await connections.ConnectAsync(a, CrmKinds.Dynamics, "tenant-guid-1", null, "https://a.crm.dynamics.com");
        await connections.ConnectAsync(a, CrmKinds.Dynamics, "tenant-guid-2", null, "https://a.crm.dynamics.com");

        var only = Assert.Single(await connections.ListAsync(a));
        Assert.Equal("tenant-guid-2", only.OrgId);
        Assert.Null(await connections.FindByOrgAsync(CrmKinds.Dynamics, "tenant-guid-1"));
    }
}
