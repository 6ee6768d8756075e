using Dapper;
using Microsoft.Extensions.DependencyInjection;
using SalesCoach.Api.Coaching.WriteBack;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Migrations;
using SalesCoach.TestSupport;

namespace SalesCoach.Api.Tests.Coaching;

/// <summary>
/// The write-back job lease on both stores, with no worker running: two stores over one database stand for two replicas
/// (each its own connection pool), and every job is taken by exactly one of them however they race.
/// </summary>
public sealed class WriteBackLeaseTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    [Theory, ClassData(typeof(BothStores))]
    public async Task ClaimNextDueAsync_ReplicasRacing_TakeEveryJobExactlyOnce(StorageProvider provider)
    {
        await using var store = await MigratedStoreAsync(provider);
        var time = new SettableTimeProvider(DateTimeOffset.UtcNow);
        var databases = Enumerable.Range(0, 3).Select(_ => SqlDatabase.Create(store.Options)).ToList();
        try
        {
            // Four replicas, each polling from two threads at once: eight claimers on one queue.
            var replicas = databases.Prepend(store.Database).Select(d => new WriteBackStore(d, time)).ToList();
            var jobs = Enumerable.Range(0, 200).Select(i => $"int-{i:D3}").ToList();
            await InsertPendingAsync(store, "tenant-a", jobs, time.GetUtcNow());

            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var claimers = replicas.SelectMany((replica, r) => Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                await go.Task;
                var mine = new List<(string Job, string Owner)>();
                while (await replica.ClaimNextDueAsync($"replica-{r}", Lease, default) is { } job)
                {
                    mine.Add((job.InteractionId, $"replica-{r}"));
                }

                return mine;
            }))).ToList();
            go.SetResult();
            var taken = await Task.WhenAll(claimers);

            var all = taken.SelectMany(t => t).ToList();
            Assert.Equal(jobs, all.Select(t => t.Job).Order(StringComparer.Ordinal));
            if (provider == StorageProvider.Postgres)
            {
                // SQLite runs one writer at a time, so there one claimer may well take everything; PostgreSQL's must overlap.
                Assert.True(taken.Count(t => t.Count > 0) > 1, "The claimers did not overlap; the race was not exercised.");
            }
            var owners = await OwnersAsync(store);
            Assert.All(all, t => Assert.Equal(t.Owner, owners[t.Job]));
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task ClaimAsync_HeldJob_OnlyAfterItsLeaseRunsOut(StorageProvider provider)
    {
        await using var store = await MigratedStoreAsync(provider);
        var time = new SettableTimeProvider(DateTimeOffset.UtcNow);
        var jobs = new WriteBackStore(store.Database, time);
        await InsertPendingAsync(store, "tenant-a", ["int-1"], time.GetUtcNow());

        Assert.NotNull(await jobs.ClaimAsync("tenant-a", "int-1", "crashed-replica", Lease, default));
        Assert.Null(await jobs.ClaimAsync("tenant-a", "int-1", "replica-b", Lease, default));
        Assert.Null(await jobs.ClaimNextDueAsync("replica-b", Lease, default));
        time.Advance(Lease - TimeSpan.FromMilliseconds(1));
        Assert.Null(await jobs.ClaimNextDueAsync("replica-b", Lease, default));
        time.Advance(TimeSpan.FromMilliseconds(1));

        var taken = await jobs.ClaimNextDueAsync("replica-b", Lease, default);

        Assert.Equal("int-1", taken?.InteractionId);
        // The replica that lost the job can neither renew it nor record an outcome over the new holder's run.
        Assert.False(await jobs.RenewAsync("tenant-a", "int-1", "crashed-replica", Lease, default));
        Assert.False(await jobs.FinishAsync("tenant-a", "int-1", "crashed-replica", WriteBackStatus.Written, 1, null, "00T1", null, null, default));
        Assert.True(await jobs.RenewAsync("tenant-a", "int-1", "replica-b", Lease, default));
        Assert.True(await jobs.FinishAsync("tenant-a", "int-1", "replica-b", WriteBackStatus.Written, 1, null, "00T2", null, null, default));
        var job = await jobs.GetAsync("tenant-a", "int-1", default);
        Assert.Equal((WriteBackStatus.Written, "00T2"), (job!.Status, job.NoteId));
        Assert.Null((await OwnersAsync(store))["int-1"]);
        Assert.Null(await jobs.ClaimAsync("tenant-a", "int-1", "replica-b", Lease, default));
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task FinishAsync_RetryLater_IsDueForAnyReplicaOnlyFromThen(StorageProvider provider)
    {
        await using var store = await MigratedStoreAsync(provider);
        var time = new SettableTimeProvider(DateTimeOffset.UtcNow);
        var jobs = new WriteBackStore(store.Database, time);
        await InsertPendingAsync(store, "tenant-a", ["int-1"], time.GetUtcNow());
        await jobs.ClaimAsync("tenant-a", "int-1", "replica-a", Lease, default);

        Assert.True(await jobs.FinishAsync("tenant-a", "int-1", "replica-a", WriteBackStatus.Pending, 1, "Throttled", null,
            time.GetUtcNow() + TimeSpan.FromSeconds(10), null, default));

        Assert.Null(await jobs.ClaimNextDueAsync("replica-b", Lease, default));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, (await jobs.ClaimNextDueAsync("replica-b", Lease, default))?.Attempts);
    }

    /// <summary>A fresh store with the host's own migrations, and no host (so no worker) running on it.</summary>
    private static async Task<TestStore> MigratedStoreAsync(StorageProvider provider)
    {
        await using var scratch = await TestStore.CreateAsync(provider);
        await using var host = CoachingApiFactory.Start(scratch);
        var migrations = host.Services.GetServices<IMigrationSource>().ToArray();
        var store = await TestStore.CreateAsync(provider);
        await store.MigrateAsync(migrations);
        return store;
    }

    private static async Task InsertPendingAsync(TestStore store, string tenantId, IEnumerable<string> interactionIds, DateTimeOffset now)
    {
        await using var connection = await store.Database.OpenAsync();
        var at = now.ToUnixTimeMilliseconds();
        foreach (var (id, i) in interactionIds.Select((id, i) => (id, i)))
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO coaching_writebacks (tenant_id, interaction_id, crm, record_type, record_id, status, attempts, created_at, updated_at)
                VALUES (@tenantId, @id, 'salesforce', 'Opportunity', '006000000000001AAA', 'pending', 0, @at, @updatedAt)
                """, new { tenantId, id, at, updatedAt = at + i });
        }
    }

    private static async Task<Dictionary<string, string?>> OwnersAsync(TestStore store)
    {
        await using var connection = await store.Database.OpenAsync();
        return (await connection.QueryAsync<(string Id, string? Owner)>("SELECT interaction_id, claimed_by FROM coaching_writebacks"))
            .ToDictionary(r => r.Id, r => r.Owner);
    }
}
