using System.Threading.Channels;
using SalesCoach.Coaching.Interactions;

namespace SalesCoach.Coaching.Messaging;

/// <summary>A stream's subscription on the RabbitMQ bus: its local queue, and its claim on the key's binding until it is disposed or ended.</summary>
internal sealed class RabbitMqSubscription(IInteractionSubscription local, string key, Action<RabbitMqSubscription> left) : IInteractionSubscription
{
    private int _disposed;

    public string Key => key;

    public ChannelReader<InteractionEvent> Events => local.Events;

    /// <summary>Completes the reader once it has read what is queued; the owner still disposes the subscription.</summary>
    public void End() => local.Dispose();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            local.Dispose();
            left(this);
        }
    }
}
