using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Messaging;
using SalesCoach.TestSupport;

namespace SalesCoach.Coaching.Tests.Messaging;

/// <summary>Two buses on the real broker stand for two replicas.</summary>
public class RabbitMqInteractionEventBusTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static async Task<RabbitMqInteractionEventBus> StartAsync(string? uri = null)
    {
        var options = new MessagingOptions
        {
            Transport = MessagingTransport.RabbitMq,
            RabbitMq = new RabbitMqOptions { Uri = uri ?? TestBroker.Uri(), RecoverySeconds = 1 },
        };
        var bus = new RabbitMqInteractionEventBus(Options.Create(options), NullLogger<RabbitMqInteractionEventBus>.Instance);
        await bus.StartAsync(CancellationToken.None);
        return bus;
    }

    private static InteractionEvent Event(string tenant, string interaction, long id, string data = "{}") =>
        new(tenant, interaction, id, InteractionEventTypes.Metrics, data);

    private static async Task<InteractionEvent> NextAsync(IInteractionSubscription subscription)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        return await subscription.Events.ReadAsync(timeout.Token);
    }

    private static async Task ReadToEndAsync(IInteractionSubscription subscription)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        await foreach (var _ in subscription.Events.ReadAllAsync(timeout.Token))
        {
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? deadline = null)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < (deadline ?? Deadline), "The condition did not hold in time.");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Publish_OnOneReplica_ReachesTheOtherInOrderAndTheLocalSubscriberOnce()
    {
        await using var a = await StartAsync();
        await using var b = await StartAsync();
        var interaction = Guid.NewGuid().ToString("N");
        using var onA = await a.SubscribeAsync("tenant-1", interaction);
        using var onB = await b.SubscribeAsync("tenant-1", interaction);

        for (var id = 1; id <= 50; id++)
        {
            a.Publish("tenant-1", interaction, [Event("tenant-1", interaction, id, $"{{\"n\":{id}}}")]);
        }

        for (var id = 1; id <= 50; id++)
        {
            var received = await NextAsync(onB);
            Assert.Equal((id, $"{{\"n\":{id}}}", "tenant-1", interaction), (received.Id, received.Data, received.TenantId, received.InteractionId));
            Assert.Equal(id, (await NextAsync(onA)).Id);
        }

        // A skips its own messages when the broker hands them back: nothing more is queued for A's subscriber.
        b.Publish("tenant-1", interaction, [Event("tenant-1", interaction, 51)]);
        Assert.Equal(51, (await NextAsync(onA)).Id);
        Assert.Equal(0, a.DroppedMessages);
    }

    [Fact]
    public async Task Publish_OtherTenantWithLookAlikeIds_NeverReachesTheSubscriber()
    {
        await using var a = await StartAsync();
        await using var b = await StartAsync();
        // With a plain "tenant.interaction" key these two would share one routing key; the same interaction id under
        // another tenant must not match either.
        using var subscriber = await b.SubscribeAsync("a", "b.c");
        using var sameId = await b.SubscribeAsync("other-tenant", "shared-id");

        a.Publish("a.b", "c", [Event("a.b", "c", 1)]);
        a.Publish("a.*", "#", [Event("a.*", "#", 1)]);
        a.Publish("tenant-x", "shared-id", [Event("tenant-x", "shared-id", 1)]);
        a.Publish("a", "b.c", [Event("a", "b.c", 7, "{\"mine\":true}")]);
        a.Publish("other-tenant", "shared-id", [Event("other-tenant", "shared-id", 9)]);

        // One publisher, one channel, one queue: order is kept, so the first event each gets is its own.
        var first = await NextAsync(subscriber);
        Assert.Equal((7L, "a", "b.c"), (first.Id, first.TenantId, first.InteractionId));
        var second = await NextAsync(sameId);
        Assert.Equal((9L, "other-tenant"), (second.Id, second.TenantId));
        Assert.Equal(2, b.ReceivedMessages);
        Assert.False(subscriber.Events.TryRead(out _));
        Assert.False(sameId.Events.TryRead(out _));
    }

    [Fact]
    public async Task Subscriber_Leaving_UnbindsItsKey()
    {
        await using var a = await StartAsync();
        await using var b = await StartAsync();
        var left = Guid.NewGuid().ToString("N");
        var stays = Guid.NewGuid().ToString("N");
        using var staying = await b.SubscribeAsync("tenant-1", stays);
        var leaving = await b.SubscribeAsync("tenant-1", left);
        Assert.Equal(2, b.BoundKeyCount);

        leaving.Dispose();
        var watch = Stopwatch.StartNew();
        while (b.BoundKeyCount != 1 && watch.Elapsed < Deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(1, b.BoundKeyCount);
        a.Publish("tenant-1", left, [Event("tenant-1", left, 1)]);
        a.Publish("tenant-1", stays, [Event("tenant-1", stays, 1)]);
        Assert.Equal(stays, (await NextAsync(staying)).InteractionId);
        // The broker routed the first message nowhere: B received only the one it still subscribes to.
        Assert.Equal(1, b.ReceivedMessages);
    }

    [Fact]
    public async Task Watch_AnotherReplicasEvent_CallsStale_OwnEventDoesNot()
    {
        await using var a = await StartAsync();
        await using var b = await StartAsync();
        var interaction = Guid.NewGuid().ToString("N");
        var staleOnB = 0;
        var staleOnA = 0;
        await b.WatchAsync("tenant-1", interaction, () => Interlocked.Increment(ref staleOnB), CancellationToken.None);
        await a.WatchAsync("tenant-1", interaction, () => Interlocked.Increment(ref staleOnA), CancellationToken.None);
        using var sentinel = await b.SubscribeAsync("tenant-1", interaction);

        a.Publish("tenant-1", interaction, [Event("tenant-1", interaction, 1)]);
        await NextAsync(sentinel);

        Assert.Equal(1, staleOnB);
        Assert.Equal(0, staleOnA);
        b.Unwatch("tenant-1", interaction);
        a.Unwatch("tenant-1", interaction);
    }

    [Fact]
    public async Task Reconnect_AfterBrokerRestart_BindsEachKeyStillWatchedOnce()
    {
        await using var a = await StartAsync();
        await using var b = await StartAsync();
        var watched = Guid.NewGuid().ToString("N");
        var streamed = Guid.NewGuid().ToString("N");
        var watchedKey = RabbitMqRoutingKeys.For("tenant-1", watched);
        var streamedKey = RabbitMqRoutingKeys.For("tenant-1", streamed);
        var bound = new ConcurrentQueue<string>();
        b.KeyBound += bound.Enqueue;
        // As LiveInteractions does: a stale notice drops the state held in memory, and with it the watch.
        var evicted = 0;
        void Stale()
        {
            Interlocked.Increment(ref evicted);
            b.Unwatch("tenant-1", watched);
        }

        await b.WatchAsync("tenant-1", watched, Stale, CancellationToken.None);
        var stream = await b.SubscribeAsync("tenant-1", streamed);
        Assert.Equal(new[] { watchedKey, streamedKey }, bound);
        bound.Clear();

        await TestBroker.StopAppAsync();
        try
        {
            await WaitUntilAsync(() => !a.IsConnected && !b.IsConnected);
        }
        finally
        {
            await TestBroker.StartAppAsync();
        }

        await WaitUntilAsync(() => a.IsConnected && b.IsConnected, TimeSpan.FromSeconds(60));

        // The reconnect ended the stream and dropped the live state; as the host does next, the stream's client
        // reconnects and the next append watches the interaction again.
        Assert.Equal(1, evicted);
        await ReadToEndAsync(stream);
        stream.Dispose();
        using var again = await b.SubscribeAsync("tenant-1", streamed);
        await b.WatchAsync("tenant-1", watched, Stale, CancellationToken.None);
        await WaitUntilAsync(() => b.BoundKeyCount == 2);
        // Background unbinds of a reconnect would have run by now.
        await Task.Delay(500);

        Assert.Equal(2, b.BoundKeyCount);
        Assert.Equal(1, bound.Count(k => k == watchedKey));
        Assert.Equal(1, bound.Count(k => k == streamedKey));
        a.Publish("tenant-1", streamed, [Event("tenant-1", streamed, 1)]);
        Assert.Equal(1, (await NextAsync(again)).Id);
        a.Publish("tenant-1", watched, [Event("tenant-1", watched, 1)]);
        await WaitUntilAsync(() => evicted == 2);
    }

    [Fact]
    public async Task Publish_BrokerUnreachable_ReturnsAtOnceDeliversLocallyAndCounts()
    {
        // A port nothing listens on: the bus starts, reports not connected, and keeps retrying in the background.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var bus = await StartAsync($"amqp://guest:guest@127.0.0.1:{port}/");
        using var local = await bus.SubscribeAsync("tenant-1", "i-1");

        var watch = Stopwatch.StartNew();
        for (var id = 1; id <= 1000; id++)
        {
            bus.Publish("tenant-1", "i-1", [Event("tenant-1", "i-1", id)]);
        }

        watch.Stop();
        Assert.False(bus.IsConnected);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"1,000 publishes took {watch.Elapsed}");
        Assert.Equal(1000, bus.DroppedMessages);
        Assert.Equal(1, (await NextAsync(local)).Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://user:s3cret-pass@broker:5672/")]
    [InlineData("not a uri s3cret-pass")]
    public void Options_RabbitMqWithoutAValidUri_FailValidationWithoutTheSecret(string? uri)
    {
        var options = new MessagingOptions { Transport = MessagingTransport.RabbitMq, RabbitMq = new RabbitMqOptions { Uri = uri } };

        var results = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        var result = Assert.Single(results);
        Assert.Contains("Messaging:RabbitMq:Uri", result.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_InProcessOrAValidUri_Pass()
    {
        Assert.Empty(new MessagingOptions().Validate(new(new object())));
        var rabbit = new MessagingOptions
        {
            Transport = MessagingTransport.RabbitMq,
            RabbitMq = new RabbitMqOptions { Uri = "amqps://user:pass@broker.example:5671/vhost" },
        };
        Assert.Empty(rabbit.Validate(new(rabbit)));
    }

    [Fact]
    public void RoutingKey_IsSafeAndDistinct()
    {
        var keys = new[] { ("a.b", "c"), ("a", "b.c"), ("a", "bc"), ("a*", "#"), ("x", new string('z', 400)) }
            .Select(p => RabbitMqRoutingKeys.For(p.Item1, p.Item2)).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, k => Assert.True(k.Length <= 255 && !k.Contains('*') && !k.Contains('#') && k.Count(c => c == '.') <= 2, k));
    }
}
