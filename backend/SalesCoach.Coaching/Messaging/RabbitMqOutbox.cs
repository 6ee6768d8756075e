using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace SalesCoach.Coaching.Messaging;

/// <summary>
/// The way out to the broker: messages wait in a bounded outbox and one background pump sends them, tagged with this
/// replica's id, so a request never waits for the broker. What cannot be sent (not connected, outbox full, a failed
/// send) is dropped and counted, with one warning per outage.
/// </summary>
internal sealed class RabbitMqOutbox
{
    private static readonly Meter Meter = new("SalesCoach.Messaging");
    private static readonly Counter<long> DroppedCounter = Meter.CreateCounter<long>(
        "salescoach.messaging.dropped", "{message}", "Publishes not sent to the broker (unreachable or outbox full).");

    private readonly RabbitMqOptions _options;
    private readonly Func<bool> _connected;
    private readonly ILogger _logger;
    private readonly Channel<Outgoing> _outbox;
    private readonly BasicProperties _properties;
    private IChannel? _channel;
    private int _warned;
    private long _dropped;
    private Task _pump = Task.CompletedTask;

    public RabbitMqOutbox(RabbitMqOptions options, string replicaId, Func<bool> connected, ILogger logger)
    {
        _options = options;
        _connected = connected;
        _logger = logger;
        _outbox = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(options.OutboxCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _properties = new BasicProperties { AppId = replicaId, ContentType = "application/json", DeliveryMode = DeliveryModes.Transient };
    }

    public long DroppedCount => Interlocked.Read(ref _dropped);

    public void Start(CancellationToken stopping) => _pump = Task.Run(() => PumpAsync(stopping), CancellationToken.None);

    public void Enqueue(string routingKey, byte[] body)
    {
        if (!_outbox.Writer.TryWrite(new Outgoing(routingKey, body)))
        {
            Drop("the outbox is full");
        }
    }

    /// <summary>Sends on a fresh channel of <paramref name="connection"/> from now on.</summary>
    public async Task OpenChannelAsync(IConnection connection, CancellationToken cancellationToken)
    {
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await RabbitMqConnection.CloseQuietlyAsync(Interlocked.Exchange(ref _channel, channel));
    }

    /// <summary>Connected again: the next outage warns again.</summary>
    public void ResetWarning() => Interlocked.Exchange(ref _warned, 0);

    /// <summary>Takes no more messages; the pump ends once stopping is signalled.</summary>
    public Task CompleteAsync()
    {
        _outbox.Writer.TryComplete();
        return _pump;
    }

    public void Drop(string reason)
    {
        Interlocked.Increment(ref _dropped);
        DroppedCounter.Add(1);
        // One warning per outage; the counter has the rest.
        if (Interlocked.Exchange(ref _warned, 1) == 0)
        {
            _logger.LogWarning("Interaction events not sent to RabbitMQ: {Reason}. Streams on other replicas catch up from the store", reason);
        }
    }

    private async Task PumpAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var message in _outbox.Reader.ReadAllAsync(stopping))
            {
                if (!_connected() || _channel is not { } channel)
                {
                    Drop("the broker is unreachable");
                    continue;
                }

                try
                {
                    await channel.BasicPublishAsync(_options.Exchange, message.RoutingKey, mandatory: false, _properties, message.Body, stopping);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Drop(ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private sealed record Outgoing(string RoutingKey, byte[] Body);
}
