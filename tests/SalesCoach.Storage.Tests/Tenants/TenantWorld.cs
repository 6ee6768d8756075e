using SalesCoach.Storage.Database;
using SalesCoach.Storage.Tenants;
using SalesCoach.TestSupport;

namespace SalesCoach.Storage.Tests.Tenants;

/// <summary>A fresh store with the tenant-side stores over it.</summary>
internal sealed class TenantWorld : IAsyncDisposable
{
    private TenantWorld(TestStore store)
    {
        Store = store;
        Tenants = new TenantStore(store.Database, TimeProvider.System);
        Connections = new CrmConnectionStore(store.Database, TimeProvider.System);
    }

    public TestStore Store { get; }

    public TenantStore Tenants { get; }

    public CrmConnectionStore Connections { get; }

    public static async Task<TenantWorld> CreateAsync(StorageProvider provider) => new(await TestStore.CreateAsync(provider));

    public async Task<(string A, string B)> TwoTenantsAsync() =>
        ((await Tenants.CreateAsync("A")).Tenant.Id, (await Tenants.CreateAsync("B")).Tenant.Id);

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
