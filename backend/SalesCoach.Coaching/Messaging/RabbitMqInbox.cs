using Microsoft.Extensions.Logging;
using RabbitMQ.Client.Events;
using SalesCoach.Coaching.Interactions;

namespace SalesCoach.Coaching.Messaging;

/// <summary>
/// What arrives on this replica's queue: another replica's events go to the streams here, and make live state held here
/// for that interaction stale. This replica's own messages come back too and are skipped.
/// </summary>
internal sealed class RabbitMqInbox(string replicaId, RoutingKeyInterest interest, InProcessInteractionEventBus local, ILogger logger)
{
    private long _received;

    public long ReceivedCount => Interlocked.Read(ref _received);

    public Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        if (delivery.BasicProperties.AppId == replicaId)
        {
            return Task.CompletedTask;
        }

        // The ids inside must match the key the message was routed by: a message cannot reach another tenant's streams.
        var message = EventMessage.TryParse(delivery.Body.Span);
        if (message is null || RabbitMqRoutingKeys.For(message.TenantId, message.InteractionId) != delivery.RoutingKey)
        {
            logger.LogWarning("Ignored a malformed RabbitMQ message on routing key {RoutingKey}", delivery.RoutingKey);
            return Task.CompletedTask;
        }

        Interlocked.Increment(ref _received);
        // Another replica appended: this replica's in-memory state of the interaction is behind the store.
        interest.StaleCallback(delivery.RoutingKey)?.Invoke();
        local.Publish(message.TenantId, message.InteractionId, message.ToEvents());
        return Task.CompletedTask;
    }
}
