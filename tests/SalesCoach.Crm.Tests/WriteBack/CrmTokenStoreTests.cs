using System.Security.Cryptography;
using Dapper;
using SalesCoach.Crm.Tests.Fakes;
using SalesCoach.Crm.WriteBack;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Encryption;
using SalesCoach.TestSupport;

namespace SalesCoach.Crm.Tests.WriteBack;

public sealed class CrmTokenStoreTests
{
    private static readonly byte[] KeyA = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] KeyB = RandomNumberGenerator.GetBytes(32);

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));

    private CrmTokenStore Tokens(TestStore store, FieldProtector? protector = null) =>
        new(store.Database, protector ?? new FieldProtector(new Dictionary<string, byte[]> { ["a"] = KeyA }, "a"), _time);

    [Theory, ClassData(typeof(BothStores))]
    public async Task SaveAsync_Token_IsReadBackButSealedAtRest(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new CrmMigrations());
        var tokens = Tokens(store);

        await tokens.SaveAsync("tenant-a", "salesforce", "005000000000001AAA", "00Dxx!secret-session", null, default);

        Assert.Equal("00Dxx!secret-session", await tokens.GetAsync("tenant-a", "salesforce", "005000000000001AAA", default));
        await using var connection = await store.Database.OpenAsync();
        var raw = await connection.QuerySingleAsync<string>("SELECT sealed_token FROM crm_tokens WHERE tenant_id = 'tenant-a'");
        Assert.StartsWith("v1:a:", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-session", raw, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task GetAsync_OtherTenantOrUser_SeesNothing(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new CrmMigrations());
        var tokens = Tokens(store);
        await tokens.SaveAsync("tenant-a", "hubspot", null, "pat-na1-a", null, default);

        Assert.Null(await tokens.GetAsync("tenant-b", "hubspot", null, default));
        Assert.Null(await tokens.GetAsync("tenant-a", "hubspot", "someone", default));
        Assert.Null(await tokens.GetAsync("tenant-a", "salesforce", null, default));
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task GetAsync_SealedValueCopiedToAnotherTenant_DoesNotOpen(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new CrmMigrations());
        var tokens = Tokens(store);
        await tokens.SaveAsync("tenant-a", "hubspot", null, "pat-na1-a", null, default);
        await tokens.SaveAsync("tenant-b", "hubspot", null, "pat-na1-b", null, default);
        await using (var connection = await store.Database.OpenAsync())
        {
            await connection.ExecuteAsync(
                "UPDATE crm_tokens SET sealed_token = (SELECT sealed_token FROM crm_tokens WHERE tenant_id = 'tenant-a') WHERE tenant_id = 'tenant-b'");
        }

        await Assert.ThrowsAnyAsync<CryptographicException>(() => tokens.GetAsync("tenant-b", "hubspot", null, default));
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task GetAsync_Expired_ReturnsNull(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new CrmMigrations());
        var tokens = Tokens(store);
        await tokens.SaveAsync("tenant-a", "salesforce", "u1", "t", _time.GetUtcNow().AddHours(2), default);

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal("t", await tokens.GetAsync("tenant-a", "salesforce", "u1", default));
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Null(await tokens.GetAsync("tenant-a", "salesforce", "u1", default));
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task GetAsync_SealedWithRetiredKey_IsResealedWithTheActiveKey(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new CrmMigrations());
        await Tokens(store).SaveAsync("tenant-a", "hubspot", null, "pat", null, default);
        var rotated = Tokens(store, new FieldProtector(new Dictionary<string, byte[]> { ["a"] = KeyA, ["b"] = KeyB }, "b"));

        Assert.Equal("pat", await rotated.GetAsync("tenant-a", "hubspot", null, default));

        await using var connection = await store.Database.OpenAsync();
        Assert.StartsWith("v1:b:", await connection.QuerySingleAsync<string>("SELECT sealed_token FROM crm_tokens"), StringComparison.Ordinal);
        Assert.True(await rotated.DeleteAsync("tenant-a", "hubspot", null, default));
        Assert.Null(await rotated.GetAsync("tenant-a", "hubspot", null, default));
    }
}
