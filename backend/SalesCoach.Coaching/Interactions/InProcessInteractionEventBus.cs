using System.Collections.Concurrent;
using System.Threading.Channels;

namespace SalesCoach.Coaching.Interactions;

/// <summary>
/// Fan-out inside one process. Each subscriber has a bounded queue; a subscriber that
/// cannot keep up is cut off (its reader completes) rather than slowing the publisher or
/// growing without bound; its client reconnects with Last-Event-ID and catches up from the log.
/// </summary>
public sealed class InProcessInteractionEventBus : IInteractionEventBus
{
    public const int SubscriberCapacity = 4096;

    private readonly ConcurrentDictionary<(string, string), Subscription[]> _subscribers = new();
    private readonly Lock _gate = new();

    public void Publish(string tenantId, string interactionId, IReadOnlyList<InteractionEvent> events)
    {
        if (!_subscribers.TryGetValue((tenantId, interactionId), out var subscribers))
        {
            return;
        }

        foreach (var subscriber in subscribers)
        {
            foreach (var e in events)
            {
                if (!subscriber.Channel.Writer.TryWrite(e))
                {
                    subscriber.Channel.Writer.TryComplete();
                    break;
                }
            }
        }
    }

    public ValueTask<IInteractionSubscription> SubscribeAsync(string tenantId, string interactionId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Subscribe(tenantId, interactionId));

    public IInteractionSubscription Subscribe(string tenantId, string interactionId)
    {
        var key = (tenantId, interactionId);
        var subscription = new Subscription(this, key);
        lock (_gate)
        {
            _subscribers[key] = _subscribers.TryGetValue(key, out var existing) ? [.. existing, subscription] : [subscription];
        }

        return subscription;
    }

    /// <summary>Ends every open subscription (their clients reconnect and catch up from the log).</summary>
    public void EndAll()
    {
        foreach (var subscribers in _subscribers.Values)
        {
            foreach (var subscriber in subscribers)
            {
                subscriber.Channel.Writer.TryComplete();
            }
        }
    }

    public int SubscriberCount(string tenantId, string interactionId) =>
        _subscribers.TryGetValue((tenantId, interactionId), out var subscribers) ? subscribers.Length : 0;

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            if (!_subscribers.TryGetValue(subscription.Key, out var existing))
            {
                return;
            }

            var remaining = existing.Where(s => s != subscription).ToArray();
            if (remaining.Length == 0)
            {
                _subscribers.TryRemove(subscription.Key, out _);
            }
            else
            {
                _subscribers[subscription.Key] = remaining;
            }
        }
    }

    private sealed class Subscription(InProcessInteractionEventBus bus, (string, string) key) : IInteractionSubscription
    {
        public (string, string) Key { get; } = key;

        public Channel<InteractionEvent> Channel { get; } = System.Threading.Channels.Channel.CreateBounded<InteractionEvent>(
            new BoundedChannelOptions(SubscriberCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

        public ChannelReader<InteractionEvent> Events => Channel.Reader;

        public void Dispose()
        {
            Channel.Writer.TryComplete();
            bus.Remove(this);
        }
    }
}
