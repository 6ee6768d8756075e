using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Signals;
using SalesCoach.Inference.Registry;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Tenants;
using SalesCoach.TestSupport;

namespace SalesCoach.Coaching.Tests.Interactions;

/// <summary>
/// Every SQLite writer of a process takes the store's write gate, so writers queue in memory and none ever waits
/// inside SQLite (<see cref="SqlDatabase.SqliteBusyWaits"/> counts each statement that did). A writer left out of
/// the gate collides with the others and the count grows.
/// </summary>
public sealed class SqliteWriteGateTests
{
    private const int Rounds = 50;
    private static readonly NewInteraction NewCall = new("hubspot", "deal", "42", "rep-1", "en", "call");

    [Fact]
    public async Task ConcurrentWriters_OneSqliteFile_NoStatementWaitsInsideSqlite()
    {
        await using var store = await TestStore.CreateAsync(StorageProvider.Sqlite, new CoachingMigrations(), new InferenceMigrations());
        var database = store.Database;
        var time = TimeProvider.System;
        var tenants = new TenantStore(database, time);
        var audit = new AuditLog(database, time);
        var connections = new CrmConnectionStore(database, time);
        var registry = new ModelRegistry(database, time);
        var interactions = new InteractionStore(database, TestProtector.New(), time);
        var (tenant, _) = await tenants.CreateAsync("Acme");
        var model = await registry.RegisterAsync(
            ModelRegistry.GlobalTenant, "signals", await ModelRegistrations.FromDirectoryAsync(SignalModelLoader.ShippedDirectory));
        var calls = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            calls.Add((await interactions.CreateAsync(tenant.Id, NewCall)).Id);
        }

        // Each writer runs its rounds one after another (as one request after another would); all writers at once.
        await Task.WhenAll(
        [
            Repeat(i => tenants.CreateAsync($"Tenant {i}")),
            Repeat(i => tenants.EnsureDemoTenantAsync($"sc_demo_key_{i}_for_this_test")),
            Repeat(i => audit.RecordAsync(tenant.Id, "admin", "test.write", $"round {i}")),
            Repeat(async i =>
            {
                await connections.ConnectAsync(tenant.Id, "hubspot", $"portal-{i}", null, null);
                await connections.DisconnectAsync(tenant.Id, "salesforce");
            }),
            Repeat(i => registry.ActivateAsync(ModelRegistry.GlobalTenant, "signals", model.Version, "test")),
            .. calls.Select(id => Repeat(i => interactions.SaveAppendAsync(tenant.Id, id, [Segment(i + 1)], [], Events(tenant.Id, id, i + 1)))),
        ]);

        Assert.Equal(0, database.SqliteBusyWaits);
        Assert.Equal(Rounds, (await audit.ListAsync(tenant.Id, 1000)).Count(e => e.Action == "test.write"));
        Assert.Equal(Rounds, (await registry.HistoryAsync(ModelRegistry.GlobalTenant, "signals")).Count);
        Assert.Equal($"portal-{Rounds - 1}", Assert.Single(await connections.ListAsync(tenant.Id)).OrgId);
        foreach (var id in calls)
        {
            Assert.Equal(Rounds, (await interactions.LoadSegmentsAsync(tenant.Id, id)).Count);
        }
    }

    [Fact]
    public async Task SqliteBusyWaits_FileLockedByAConnectionOutsideTheGate_CountsTheWait()
    {
        await using var store = await TestStore.CreateAsync(StorageProvider.Sqlite);
        var tenants = new TenantStore(store.Database, TimeProvider.System);
        Task created;
        await using (var other = await store.Database.OpenAsync())
        {
            // What another process writing the same file looks like: SQLite's write lock, the gate untouched.
            await using var transaction = await other.BeginTransactionAsync();
            // On a thread of its own: SQLite's calls are synchronous underneath, so the wait would block this one.
            created = Task.Run(() => tenants.CreateAsync("Acme"));
            // Released well within the 5 s SQLite waits before it gives up.
            for (var waited = 0; store.Database.SqliteBusyWaits == 0 && waited < 3000; waited += 10)
            {
                await Task.Delay(10);
            }

            Assert.Equal(1, store.Database.SqliteBusyWaits);
            Assert.False(created.IsCompleted);
            await transaction.RollbackAsync();
        }

        await created;
        Assert.Equal(1, store.Database.SqliteBusyWaits);
    }

    private static Task Repeat(Func<int, Task> write) => Task.Run(async () =>
    {
        for (var i = 0; i < Rounds; i++)
        {
            await write(i);
        }
    });

    private static StoredSegment Segment(long seq) => new(seq, "customer", $"line {seq}", seq * 1000, seq * 1000 + 900, "[]");

    private static InteractionEvent[] Events(string tenantId, string id, long seq) =>
        [new(tenantId, id, (seq * 2) - 1, InteractionEventTypes.Tip, "{}"), new(tenantId, id, seq * 2, InteractionEventTypes.Metrics, "{}")];
}
