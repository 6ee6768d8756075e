using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace SalesCoach.Coaching.Messaging;

/// <summary>
/// This replica's side of the exchange: one exclusive, server-named queue per connection, bound to an interaction's key
/// while someone here wants it (<see cref="RoutingKeyInterest"/>). Declaring the queue and every bind or unbind run one
/// at a time, so the broker's bindings follow the wanted keys in order.
/// </summary>
internal sealed class RabbitMqTopology(RabbitMqOptions options, RoutingKeyInterest interest, ILogger logger, CancellationToken stopping)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private IChannel? _channel;
    private string? _queue;

    /// <summary>Raised with the key after each bind the broker confirmed (tests count them).</summary>
    public event Action<string>? KeyBound;

    /// <summary>
    /// A fresh channel, the exchange, a new queue and its consumer, then one binding for each key wanted once
    /// <paramref name="beforeBinding"/> has run; <paramref name="afterBinding"/> runs before any other binding change.
    /// </summary>
    public async Task EstablishAsync(
        IConnection connection, AsyncEventHandler<BasicDeliverEventArgs> received, Action beforeBinding, Action afterBinding, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            await RabbitMqConnection.CloseQuietlyAsync(_channel);
            var channel = _channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            await channel.ExchangeDeclareAsync(options.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            var queue = await channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += received;
            await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer, cancellationToken);
            _queue = queue.QueueName;

            beforeBinding();
            foreach (var key in interest.Wanted())
            {
                await BindAsync(channel, queue.QueueName, key, cancellationToken);
                interest.SetBound(key, true);
            }

            afterBinding();
        }
        finally
        {
            _lock.Release();
        }

        // Keys released while the bindings above were made are unbound now.
        foreach (var key in interest.Keys())
        {
            SyncInBackground(key);
        }
    }

    /// <summary>The exclusive queue and its bindings die with the connection.</summary>
    public void Lost()
    {
        _queue = null;
        interest.UnboundAll();
    }

    /// <summary>Makes the broker's binding of one key match whether anyone here wants it. Does nothing while disconnected.</summary>
    public async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (!interest.Differs(key, out var bind) || _channel is not { } channel || _queue is not { } queue)
            {
                return;
            }

            try
            {
                if (bind)
                {
                    await BindAsync(channel, queue, key, cancellationToken);
                }
                else
                {
                    await channel.QueueUnbindAsync(queue, options.Exchange, key, cancellationToken: cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The connection is going away; the next EstablishAsync binds what is wanted then.
                logger.LogDebug("RabbitMQ {Operation} failed: {Reason}", bind ? "bind" : "unbind", ex.Message);
                return;
            }

            interest.SetBound(key, bind);
        }
        finally
        {
            _lock.Release();
        }

        // Wanted may have changed while the broker answered.
        if (_queue is not null && interest.Differs(key, out _))
        {
            SyncInBackground(key);
        }
    }

    public void SyncInBackground(string key) => _ = Task.Run(async () =>
    {
        try
        {
            await SyncAsync(key, stopping);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        catch (ObjectDisposedException)
        {
            // Stopped.
        }
    });

    private async Task BindAsync(IChannel channel, string queue, string key, CancellationToken cancellationToken)
    {
        await channel.QueueBindAsync(queue, options.Exchange, key, cancellationToken: cancellationToken);
        KeyBound?.Invoke(key);
    }
}
