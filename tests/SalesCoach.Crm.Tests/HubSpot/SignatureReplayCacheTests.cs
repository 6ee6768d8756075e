using SalesCoach.Crm.HubSpot;
using SalesCoach.Crm.Tests.Fakes;

namespace SalesCoach.Crm.Tests.HubSpot;

public sealed class SignatureReplayCacheTests
{
    [Fact]
    public void TryRemember_SameSignatureInsideItsWindow_IsRefused()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000));
        var cache = new SignatureReplayCache(time);

        Assert.True(cache.TryRemember("sig", time.GetUtcNow().AddMinutes(5)));
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.False(cache.TryRemember("sig", time.GetUtcNow().AddMinutes(5)));
        Assert.True(cache.TryRemember("other", time.GetUtcNow().AddMinutes(5)));
    }

    [Fact]
    public void TryRemember_AfterTheWindow_ForgetsOldEntries()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000));
        var cache = new SignatureReplayCache(time);
        for (var i = 0; i < 100; i++)
        {
            cache.TryRemember($"sig{i}", time.GetUtcNow().AddMinutes(5));
        }

        time.Advance(TimeSpan.FromMinutes(6));
        Assert.True(cache.TryRemember("sig0", time.GetUtcNow().AddMinutes(5)));
        Assert.Equal(1, cache.Count);
    }
}
