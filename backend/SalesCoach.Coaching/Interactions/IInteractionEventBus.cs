using System.Threading.Channels;

namespace SalesCoach.Coaching.Interactions;

/// <summary>
/// Carries an interaction's events to every open stream. Events are written to the store
/// before they are published, so a subscriber that misses one (or connects late) reads it
/// from the event log; the bus only has to be fast. The in-process bus serves one replica;
/// <see cref="SalesCoach.Coaching.Messaging.RabbitMqInteractionEventBus"/> carries them between replicas (a Kafka transport would
/// implement the same two calls).
/// </summary>
public interface IInteractionEventBus
{
    /// <summary>Publishes events of one interaction, in id order.</summary>
    void Publish(string tenantId, string interactionId, IReadOnlyList<InteractionEvent> events);

    /// <summary>
    /// Opens a subscription; dispose it to leave. Events published after the returned task completes reach it. Its reader
    /// completes if the subscriber falls too far behind, or when the transport may have lost events (the client then
    /// reconnects with Last-Event-ID and reads them from the log).
    /// </summary>
    ValueTask<IInteractionSubscription> SubscribeAsync(string tenantId, string interactionId, CancellationToken cancellationToken = default);
}

public interface IInteractionSubscription : IDisposable
{
    ChannelReader<InteractionEvent> Events { get; }
}
