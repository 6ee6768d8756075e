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

    [Theory, ClassData(typeof(BothStores))]
    public async Task SaveAsync_RefreshToken_SealedAndKeptWhenOnlyTheAccessTokenIsSavedAgain(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new CrmMigrations());
        var tokens = Tokens(store);

        await tokens.SaveAsync("tenant-a", "salesforce", "u1", "access-1", null, "refresh-of-u1", default);
        await tokens.SaveAsync("tenant-a", "salesforce", "u1", "access-2", null, default);

        var entry = await tokens.GetEntryAsync("tenant-a", "salesforce", "u1", default);
        Assert.Equal(("access-2", "refresh-of-u1"), (entry!.AccessToken, entry.RefreshToken));
        Assert.Null(await tokens.GetEntryAsync("tenant-b", "salesforce", "u1", default));
        await using var connection = await store.Database.OpenAsync();
        var raw = await connection.QuerySingleAsync<string>("SELECT sealed_refresh_token FROM crm_tokens");
        Assert.StartsWith("v1:a:", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh-of-u1", raw, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task GetEntryAsync_AccessTokenExpired_StillAnswersTheRefreshToken(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new CrmMigrations());
        var tokens = Tokens(store);
        await tokens.SaveAsync("tenant-a", "salesforce", "u1", "access", _time.GetUtcNow().AddMinutes(5), "refresh", default);

        _time.Advance(TimeSpan.FromMinutes(5));

        var entry = await tokens.GetEntryAsync("tenant-a", "salesforce", "u1", default);
        Assert.Equal(((string?)null, "refresh"), (entry!.AccessToken, entry.RefreshToken));
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task DeleteRefusedAsync_OnlyWhileTheRefusedRefreshTokenIsStillStored(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new CrmMigrations());
        var tokens = Tokens(store);
        await tokens.SaveAsync("tenant-a", "salesforce", "u1", "access", null, "refresh-1", default);
        var refused = (await tokens.GetEntryAsync("tenant-a", "salesforce", "u1", default))!;
        // Meanwhile the rep opened the app again: new tokens, which the refusal of the old refresh token must not remove.
        await tokens.SaveAsync("tenant-a", "salesforce", "u1", "access-new", null, "refresh-2", default);

        Assert.False(await tokens.DeleteRefusedAsync("tenant-a", "salesforce", "u1", refused, default));
        var current = (await tokens.GetEntryAsync("tenant-a", "salesforce", "u1", default))!;
        Assert.Equal("access-new", current.AccessToken);
        Assert.True(await tokens.DeleteRefusedAsync("tenant-a", "salesforce", "u1", current, default));
        Assert.Null(await tokens.GetEntryAsync("tenant-a", "salesforce", "u1", default));
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task GetEntryAsync_RefreshTokenSealedWithRetiredKey_IsResealedToo(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new CrmMigrations());
        await Tokens(store).SaveAsync("tenant-a", "salesforce", "u1", "access", null, "refresh", default);
        var rotated = Tokens(store, new FieldProtector(new Dictionary<string, byte[]> { ["a"] = KeyA, ["b"] = KeyB }, "b"));

        var entry = await rotated.GetEntryAsync("tenant-a", "salesforce", "u1", default);

        Assert.Equal(("access", "refresh"), (entry!.AccessToken, entry.RefreshToken));
        await using var connection = await store.Database.OpenAsync();
        var (access, refresh) = await connection.QuerySingleAsync<(string, string)>("SELECT sealed_token, sealed_refresh_token FROM crm_tokens");
        Assert.StartsWith("v1:b:", access, StringComparison.Ordinal);
        Assert.StartsWith("v1:b:", refresh, StringComparison.Ordinal);
        // The entry names the re-sealed refresh token, so a refusal right after still removes it.
        Assert.True(await rotated.DeleteRefusedAsync("tenant-a", "salesforce", "u1", entry!, default));
    }
}
