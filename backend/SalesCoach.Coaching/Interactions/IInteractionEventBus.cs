using System.Threading.Channels;

namespace SalesCoach.Coaching.Interactions;

/// <summary>
/// Carries an interaction's events to every open stream. Events are written to the store
/// before they are published, so a subscriber that misses one (or connects late) reads it
/// from the event log; the bus only has to be fast. The in-process bus serves one replica;
/// a RabbitMQ (or Kafka) transport implements the same two calls for scale-out.
/// </summary>
public interface IInteractionEventBus
{
    /// <summary>Publishes events of one interaction, in id order.</summary>
    void Publish(string tenantId, string interactionId, IReadOnlyList<InteractionEvent> events);

    /// <summary>Opens a subscription; dispose it to leave. Its reader completes if the subscriber falls too far behind.</summary>
    IInteractionSubscription Subscribe(string tenantId, string interactionId);
}

public interface IInteractionSubscription : IDisposable
{
    ChannelReader<InteractionEvent> Events { get; }
}
