using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Messaging;
using SalesCoach.Coaching.Metrics;
using SalesCoach.Coaching.Playbooks;
using SalesCoach.Coaching.Tests.Fakes;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Privacy;
using SalesCoach.TestSupport;

namespace SalesCoach.Coaching.Tests.Interactions;

public class LiveInteractionsTests
{
    private static readonly NewInteraction NewCall = new("hubspot", "deal", "42", "rep-1", "en", "call");

    [Theory, ClassData(typeof(BothStores))]
    public async Task Append_FirstSegmentOfAnInteractionCreatedHere_ReadsNothingFromTheStore_RestartRebuilds(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new CoachingMigrations(), PrivacySchema.Source);
        var interactions = new InteractionStore(store.Database, TestProtector.New(), TimeProvider.System);
        var bus = new InProcessInteractionEventBus();
        var live = new LiveInteractions(interactions, TimeProvider.System, bus);
        var appender = Appender(live, interactions, store.Database, bus);

        var created = await live.CreateAsync("t1", NewCall);
        var first = await appender.AppendAsync("t1", created.Id, [Segment(1, "That is too expensive for us")]);

        Assert.Equal((AppendStatus.Appended, 1), (first.Status, first.Accepted));
        Assert.Single(first.Tips);
        Assert.Equal(0, live.StoreLoads);
        Assert.Equal([1L, 2L], (await interactions.ReadEventsAsync("t1", created.Id, 0, 10)).Select(e => e.Id));

        // Another replica's interaction (stored, never held here) is loaded on its first segment.
        var elsewhere = await interactions.CreateAsync("t1", NewCall);
        await appender.AppendAsync("t1", elsewhere.Id, [Segment(1, "Hello")]);
        Assert.Equal(1, live.StoreLoads);

        // After a restart the state comes from the store: metrics and event ids carry on from what was committed.
        var restarted = new LiveInteractions(interactions, TimeProvider.System, bus);
        var second = await Appender(restarted, interactions, store.Database, bus).AppendAsync("t1", created.Id, [Segment(2, "Fine")]);
        Assert.Equal(1, restarted.StoreLoads);
        Assert.Equal((2, 6_000L), (second.Metrics!.Segments, second.Metrics.TalkMs.Customer));
        Assert.Equal([1L, 2L, 3L], (await interactions.ReadEventsAsync("t1", created.Id, 0, 10)).Select(e => e.Id));
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task Append_OnAReplicaWhoseStateTheOtherOneOutdated_RebuildsFromTheStoreAndSucceeds(StorageProvider provider)
    {
        // Two replicas over one store whose buses never tell each other anything: every append after the other
        // replica's finds its event ids taken, as one does that comes before the other replica's stale notice.
        await using var store = await TestStore.CreateAsync(provider, new CoachingMigrations(), PrivacySchema.Source);
        var protector = TestProtector.New(); // replicas share the encryption keys
        var (storeA, storeB) = (new InteractionStore(store.Database, protector, TimeProvider.System), new InteractionStore(store.Database, protector, TimeProvider.System));
        var (busA, busB) = (new InProcessInteractionEventBus(), new InProcessInteractionEventBus());
        var (liveA, liveB) = (new LiveInteractions(storeA, TimeProvider.System, busA), new LiveInteractions(storeB, TimeProvider.System, busB));
        var (a, b) = (Appender(liveA, storeA, store.Database, busA), Appender(liveB, storeB, store.Database, busB));
        var created = await liveA.CreateAsync("t1", NewCall);

        for (var seq = 1L; seq <= 6; seq++)
        {
            var result = await (seq % 2 == 1 ? a : b).AppendAsync("t1", created.Id, [Segment(seq, "That is too expensive for us")]);
            Assert.Equal((AppendStatus.Appended, 1), (result.Status, result.Accepted));
            Assert.Equal(seq, result.Metrics!.Segments); // the other replica's segments are in the rebuilt metrics
        }

        Assert.True(await a.AppendEventAsync("t1", created.Id, InteractionEventTypes.Content, "{}"));

        // A rebuilt for segments 3 and 5 and for the content event; B loaded for segment 2 and rebuilt for 4 and 6.
        Assert.Equal((3, 3), (liveA.StoreLoads, liveB.StoreLoads));
        var events = await storeA.ReadEventsAsync("t1", created.Id, 0, 100);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Id));
        Assert.Equal(6, events.Count(e => e.Type == InteractionEventTypes.Metrics));
        // The price objection's cooldown (conversation time) held across replicas: one tip, not one per replica.
        Assert.Single(await storeA.ReadTipsAsync("t1", created.Id), t => t.Contains("objection_price", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_WithABusAcrossReplicas_WatchesAtOnce_SoAnotherReplicasAppendDropsTheState()
    {
        await using var store = await TestStore.CreateAsync(StorageProvider.Postgres, new CoachingMigrations(), PrivacySchema.Source);
        var interactions = new InteractionStore(store.Database, TestProtector.New(), TimeProvider.System);
        await using var here = await StartBusAsync();
        await using var otherReplica = await StartBusAsync();
        var live = new LiveInteractions(interactions, TimeProvider.System, here);

        var created = await live.CreateAsync("t1", NewCall);
        Assert.Equal((1, 1), (live.Count, here.BoundKeyCount));

        await PublishElsewhereAsync(here, otherReplica, created.Id);
        Assert.Equal(0, live.Count);
        Assert.NotNull(await live.GetAsync("t1", created.Id, CancellationToken.None));
        Assert.Equal(1, live.StoreLoads);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Load_StaleNoticeWhileReading_RepeatsTheReadOnlyForThatInteraction(bool noticeForTheLoadedOne)
    {
        await using var store = await TestStore.CreateAsync(StorageProvider.Postgres, new CoachingMigrations(), PrivacySchema.Source);
        var interactions = new InteractionStore(store.Database, TestProtector.New(), TimeProvider.System);
        await using var here = await StartBusAsync();
        await using var otherReplica = await StartBusAsync();
        var live = new LiveInteractions(interactions, TimeProvider.System, here);
        var held = await interactions.CreateAsync("t1", NewCall);
        var loading = await interactions.CreateAsync("t1", NewCall);
        Assert.NotNull(await live.GetAsync("t1", held.Id, CancellationToken.None));
        var loadsBefore = live.StoreLoads;

        Task<LiveInteraction?> load;
        await using (var connection = await store.Database.OpenAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            // Blocks every read of the segments table: the load stops at its last read, after watching the interaction.
            await connection.ExecuteAsync("LOCK TABLE coaching_segments IN ACCESS EXCLUSIVE MODE", transaction: transaction);
            load = live.GetAsync("t1", loading.Id, CancellationToken.None);
            await WaitUntilAsync(() => live.LoadsInFlight == 1 && here.BoundKeyCount == 2);

            // Another replica appends: to the interaction being read, or to the other one this replica holds.
            await PublishElsewhereAsync(here, otherReplica, noticeForTheLoadedOne ? loading.Id : held.Id);
            Assert.False(load.IsCompleted);
            await transaction.RollbackAsync();
        }

        Assert.NotNull(await load);
        Assert.Equal(noticeForTheLoadedOne ? 2 : 1, live.StoreLoads - loadsBefore);
        Assert.Equal(0, live.LoadsInFlight);
        // The held interaction's notice dropped its state; the loaded one is held now.
        Assert.Equal(noticeForTheLoadedOne ? 2 : 1, live.Count);
    }

    private static async Task<RabbitMqInteractionEventBus> StartBusAsync()
    {
        var options = new MessagingOptions
        {
            Transport = MessagingTransport.RabbitMq,
            RabbitMq = new RabbitMqOptions { Uri = TestBroker.Uri(), RecoverySeconds = 1 },
        };
        var bus = new RabbitMqInteractionEventBus(Options.Create(options), NullLogger<RabbitMqInteractionEventBus>.Instance);
        await bus.StartAsync(CancellationToken.None);
        return bus;
    }

    /// <summary>Another replica appends; returns once this replica has handled the notice (its local subscribers hear of it after).</summary>
    private static async Task PublishElsewhereAsync(RabbitMqInteractionEventBus here, RabbitMqInteractionEventBus otherReplica, string interactionId)
    {
        using var subscription = await here.SubscribeAsync("t1", interactionId);
        otherReplica.Publish("t1", interactionId, [new InteractionEvent("t1", interactionId, 1, InteractionEventTypes.Metrics, "{}")]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal(interactionId, (await subscription.Events.ReadAsync(timeout.Token)).InteractionId);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "The condition was not met within 10 s.");
            await Task.Delay(10);
        }
    }

    private static SegmentAppender Appender(LiveInteractions live, InteractionStore interactions, SqlDatabase database, IInteractionEventBus bus) =>
        new(live, interactions, new PlaybookStore(database, TimeProvider.System), new PrivacySettingsStore(database, TimeProvider.System),
            new KeywordSignalClassifier(), bus);

    private static SegmentInput Segment(long seq, string text) => new(seq, "customer", text, seq * 5_000, seq * 5_000 + 3_000);
}
