using System.Data.Common;
using Dapper;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Storage.Database;
using SalesCoach.TestSupport;

namespace SalesCoach.Coaching.Tests.Interactions;

public class GroupCommitWriterTests
{
    private static readonly NewInteraction NewCall = new("hubspot", "deal", "42", "rep-1", "en", "call");

    [Theory, ClassData(typeof(BothStores))]
    public async Task SaveAppend_ManyInteractionsAtOnce_EveryAppendStoredInOrderInFewerCommits(StorageProvider provider)
    {
        const int Interactions = 40;
        const int AppendsEach = 8;
        await using var store = await TestStore.CreateAsync(provider, new CoachingMigrations());
        var interactions = new InteractionStore(store.Database, TestProtector.New(), TimeProvider.System);
        var ids = new List<string>();
        for (var i = 0; i < Interactions; i++)
        {
            ids.Add((await interactions.CreateAsync("t1", NewCall)).Id);
        }

        var commitsBefore = interactions.AppendCommits;
        // Each interaction appends in sequence (as its live gate makes it), all interactions at the same time.
        await Task.WhenAll(ids.Select(async id =>
        {
            for (var seq = 1L; seq <= AppendsEach; seq++)
            {
                await interactions.SaveAppendAsync("t1", id, [Segment(seq)], [Tip(seq)], Events(id, seq));
            }
        }));

        Assert.True(interactions.AppendCommits - commitsBefore < Interactions * AppendsEach,
            $"{interactions.AppendCommits - commitsBefore} commits for {Interactions * AppendsEach} appends: nothing was grouped");
        foreach (var id in ids)
        {
            Assert.Equal(Enumerable.Range(1, AppendsEach).Select(n => (long)n), (await interactions.LoadSegmentsAsync("t1", id)).Select(s => s.Seq));
            Assert.Equal(Enumerable.Range(1, AppendsEach * 2).Select(n => (long)n),
                (await interactions.ReadEventsAsync("t1", id, 0, 100)).Select(e => e.Id));
            Assert.Equal(AppendsEach, (await interactions.ReadTipsAsync("t1", id)).Count);
        }
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task SaveAppend_OneBadAppendInABatch_FailsOnlyItsCallerAndKeepsWhatWasAcknowledged(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new CoachingMigrations());
        var interactions = new InteractionStore(store.Database, TestProtector.New(), TimeProvider.System);
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add((await interactions.CreateAsync("t1", NewCall)).Id);
        }

        var bad = ids[0];
        await interactions.SaveAppendAsync("t1", bad, [Segment(1)], [], Events(bad, 1));

        Task[] appends;
        await using (await WriteLock.TakeAsync(store.Database))
        {
            // The writer blocks on the lock with the first append; the rest queue up behind it and go in as one batch.
            // The bad one reuses event ids 1 and 2 of its interaction: its insert fails, and with it the batch's transaction.
            appends = ids.Select(id => interactions.SaveAppendAsync("t1", id, [Segment(2)], [Tip(2)], Events(id, 1))).ToArray();
            await Task.Delay(200);
            Assert.All(appends, a => Assert.False(a.IsCompleted));
        }

        await Assert.ThrowsAnyAsync<DbException>(() => appends[0]);
        await Task.WhenAll(appends.Skip(1));
        Assert.Equal([1L], (await interactions.LoadSegmentsAsync("t1", bad)).Select(s => s.Seq));
        Assert.Equal([1L, 2L], (await interactions.ReadEventsAsync("t1", bad, 0, 100)).Select(e => e.Id));
        Assert.Empty(await interactions.ReadTipsAsync("t1", bad));
        foreach (var id in ids.Skip(1))
        {
            Assert.Equal([2L], (await interactions.LoadSegmentsAsync("t1", id)).Select(s => s.Seq));
            Assert.Single(await interactions.ReadTipsAsync("t1", id));
        }
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task SaveAppend_InteractionDeletedMeanwhile_FalseAndNothingWrittenForItWhileTheRestOfTheBatchGoesIn(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new CoachingMigrations());
        var interactions = new InteractionStore(store.Database, TestProtector.New(), TimeProvider.System);
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add((await interactions.CreateAsync("t1", NewCall)).Id);
        }

        // As an erasure on another replica does: the interaction's row goes while its live state is still held here.
        var gone = ids[2];
        await using (var connection = await store.Database.OpenAsync())
        {
            await connection.ExecuteAsync("DELETE FROM coaching_interactions WHERE tenant_id = 't1' AND id = @gone", new { gone });
        }

        Task<bool>[] appends;
        await using (await WriteLock.TakeAsync(store.Database))
        {
            appends = ids.Select(id => interactions.SaveAppendAsync("t1", id, [Segment(1)], [Tip(1)], Events(id, 1))).ToArray();
            await Task.Delay(200);
        }

        Assert.Equal(ids.Select(id => id != gone), await Task.WhenAll(appends));
        Assert.False(await interactions.AppendEventsAsync([new InteractionEvent("t1", gone, 3, InteractionEventTypes.Content, "{}")]));
        Assert.Empty(await interactions.LoadSegmentsAsync("t1", gone));
        Assert.Empty(await interactions.ReadTipsAsync("t1", gone));
        Assert.Empty(await interactions.ReadEventsAsync("t1", gone, 0, 100));
        Assert.All(ids.Where(id => id != gone), id => Assert.Single(interactions.LoadSegmentsAsync("t1", id).GetAwaiter().GetResult()));
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task SaveAppend_StoreError_FailsEveryCallerAndTheWriterCarriesOn(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new CoachingMigrations());
        var interactions = new InteractionStore(store.Database, TestProtector.New(), TimeProvider.System);
        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add((await interactions.CreateAsync("t1", NewCall)).Id);
        }

        await using (var connection = await store.Database.OpenAsync())
        {
            await connection.ExecuteAsync("ALTER TABLE coaching_tips RENAME TO coaching_tips_away");
        }

        // All at once, so the writer takes several in one transaction.
        var appends = ids.Select(id => interactions.SaveAppendAsync("t1", id, [Segment(1)], [Tip(1)], Events(id, 1))).ToArray();

        // Not a broken key but a broken store: every caller hears of it, nothing is half-written.
        foreach (var append in appends)
        {
            await Assert.ThrowsAnyAsync<DbException>(() => append);
        }

        await using (var connection = await store.Database.OpenAsync())
        {
            await connection.ExecuteAsync("ALTER TABLE coaching_tips_away RENAME TO coaching_tips");
        }

        Assert.All(ids, id => Assert.Empty(interactions.LoadSegmentsAsync("t1", id).GetAwaiter().GetResult()));
        await interactions.SaveAppendAsync("t1", ids[0], [Segment(1)], [Tip(1)], Events(ids[0], 1));
        Assert.Equal([1L], (await interactions.LoadSegmentsAsync("t1", ids[0])).Select(s => s.Seq));
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task SaveAppend_CancelledWhileQueued_ThrowsAndWritesNothing(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new CoachingMigrations());
        var interactions = new InteractionStore(store.Database, TestProtector.New(), TimeProvider.System);
        var first = (await interactions.CreateAsync("t1", NewCall)).Id;
        var second = (await interactions.CreateAsync("t1", NewCall)).Id;
        using var cancel = new CancellationTokenSource();

        Task taken, queued;
        await using (await WriteLock.TakeAsync(store.Database))
        {
            taken = interactions.SaveAppendAsync("t1", first, [Segment(1)], [], Events(first, 1));
            await Task.Delay(100); // the writer has taken the first append and waits on the lock
            queued = interactions.SaveAppendAsync("t1", second, [Segment(1)], [], Events(second, 1), cancel.Token);
            await cancel.CancelAsync();
        }

        await taken;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.Single(await interactions.LoadSegmentsAsync("t1", first));
        Assert.Empty(await interactions.LoadSegmentsAsync("t1", second));
        Assert.Empty(await interactions.ReadEventsAsync("t1", second, 0, 100));
    }

    private static StoredSegment Segment(long seq) => new(seq, "customer", $"line {seq}", seq * 1000, seq * 1000 + 900, "[]");

    private static StoredTip Tip(long seq) => new(Guid.NewGuid().ToString("N"), "objection", seq, seq * 1000 + 900, "{}");

    private static InteractionEvent[] Events(string id, long seq) =>
        [new("t1", id, (seq * 2) - 1, InteractionEventTypes.Tip, "{}"), new("t1", id, seq * 2, InteractionEventTypes.Metrics, "{}")];

    /// <summary>Another connection's open write transaction: the store's writers wait until it ends.</summary>
    private sealed class WriteLock(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
    {
        public static async Task<WriteLock> TakeAsync(SqlDatabase database)
        {
            var connection = await database.OpenAsync();
            var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync(
                database.IsPostgres
                    ? "LOCK TABLE coaching_segments, coaching_tips, coaching_events IN EXCLUSIVE MODE"
                    : "UPDATE coaching_interactions SET status = status", // any write takes SQLite's one write lock
                transaction: transaction);
            return new WriteLock(connection, transaction);
        }

        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
