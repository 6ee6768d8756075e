using SalesCoach.Api.Auth;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Tests.Auth;

public sealed class ApiKeyCacheTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void TryGet_WithinLifetime_HitsAndAfterwardMisses()
    {
        var clock = new ManualClock();
        var cache = new ApiKeyCache(clock);
        cache.Add("hash", new ApiKeyIdentity("k1", "t1", Roles.Admin));

        Assert.True(cache.TryGet("hash", out var hit));
        Assert.Equal("t1", hit.TenantId);

        clock.Now += ApiKeyCache.Lifetime;
        Assert.False(cache.TryGet("hash", out _));
    }

    [Fact]
    public void TryGet_UnknownHash_Misses()
    {
        Assert.False(new ApiKeyCache(TimeProvider.System).TryGet("never-added", out _));
    }
}
