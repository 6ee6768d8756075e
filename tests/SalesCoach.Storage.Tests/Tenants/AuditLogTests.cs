using SalesCoach.Storage.Database;
using SalesCoach.Storage.Tenants;
using SalesCoach.TestSupport;

namespace SalesCoach.Storage.Tests.Tenants;

public sealed class AuditLogTests
{
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task ListAsync_TwoTenants_EachSeesOnlyItsOwnEntriesNewestFirst(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var time = new SteppingTimeProvider();
        var audit = new AuditLog(store.Database, time);

        await audit.RecordAsync("t1", "admin", "first", null);
        await audit.RecordAsync("t2", "admin", "other", null);
        await audit.RecordAsync("t1", "admin", "second", "detail");

        var entries = await audit.ListAsync("t1", 10);
        Assert.Equal(["second", "first"], entries.Select(e => e.Action));
        Assert.Equal("other", Assert.Single(await audit.ListAsync("t2", 10)).Action);
    }

    private sealed class SteppingTimeProvider : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now = _now.AddSeconds(1);
    }
}
