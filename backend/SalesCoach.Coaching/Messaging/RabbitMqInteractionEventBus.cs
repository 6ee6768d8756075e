using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using SalesCoach.Coaching.Interactions;

namespace SalesCoach.Coaching.Messaging;

/// <summary>
/// Carries interaction events between replicas through one RabbitMQ topic exchange. Each replica has its own
/// exclusive, server-named queue and binds an interaction's routing key only while someone on it watches that
/// interaction (an open stream, or live state in memory), so it receives only what it needs.
/// <para>
/// Publish hands events to local subscribers at once (the same bounded queues as <see cref="InProcessInteractionEventBus"/>)
/// and queues one message for the broker, tagged with this replica's id so this replica skips it on the way back. The
/// broker is never on the request path: while it is unreachable, or the outbox is full, messages are dropped and
/// counted. Nothing is lost to a client: events are in the store before they are published, and every open stream is
/// ended when the connection drops and again when it comes back, so clients reconnect with Last-Event-ID and read what
/// they missed from the log.
/// </para>
/// </summary>
public sealed class RabbitMqInteractionEventBus : IInteractionEventBus, ILiveInteractionWatch, IAsyncDisposable
{
    private static readonly Meter Meter = new("SalesCoach.Messaging");
    private static readonly Counter<long> DroppedCounter = Meter.CreateCounter<long>(
        "salescoach.messaging.dropped", "{message}", "Publishes not sent to the broker (unreachable or outbox full).");

    private readonly InProcessInteractionEventBus _local = new();
    private readonly RabbitMqOptions _options;
    private readonly ILogger<RabbitMqInteractionEventBus> _logger;
    private readonly Channel<Outgoing> _outbox;
    private readonly BasicProperties _properties;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, KeyState> _keys = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _topology = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private IConnection? _connection;
    private IChannel? _publisher;
    private IChannel? _consumer;
    private string? _queue;
    private volatile bool _ready;
    private int _dropWarned;
    private int _disposed;
    private long _dropped;
    private long _received;
    private Task _pump = Task.CompletedTask;
    private Task _connecting = Task.CompletedTask;

    public RabbitMqInteractionEventBus(IOptions<MessagingOptions> options, ILogger<RabbitMqInteractionEventBus> logger)
    {
        _options = options.Value.RabbitMq;
        _logger = logger;
        _outbox = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(_options.OutboxCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _properties = new BasicProperties { AppId = ReplicaId, ContentType = "application/json", DeliveryMode = DeliveryModes.Transient };
    }

    /// <summary>This process's id on the exchange; messages carrying it are its own.</summary>
    public string ReplicaId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Connected, with the queue declared and consuming: publishes reach the broker.</summary>
    public bool IsConnected => _ready;

    /// <summary>Publishes dropped since start (broker unreachable or outbox full).</summary>
    public long DroppedMessages => Interlocked.Read(ref _dropped);

    /// <summary>Messages from other replicas delivered here since start.</summary>
    public long ReceivedMessages => Interlocked.Read(ref _received);

    /// <summary>Routing keys this replica has bound on the broker now.</summary>
    public int BoundKeyCount
    {
        get
        {
            lock (_gate)
            {
                return _keys.Values.Count(k => k.Bound);
            }
        }
    }

    public void Publish(string tenantId, string interactionId, IReadOnlyList<InteractionEvent> events)
    {
        _local.Publish(tenantId, interactionId, events);
        if (!_ready)
        {
            Dropped("the broker is unreachable");
            return;
        }

        var message = new Outgoing(RabbitMqRoutingKeys.For(tenantId, interactionId), EventMessage.Serialize(tenantId, interactionId, events));
        if (!_outbox.Writer.TryWrite(message))
        {
            Dropped("the outbox is full");
        }
    }

    public async ValueTask<IInteractionSubscription> SubscribeAsync(string tenantId, string interactionId, CancellationToken cancellationToken = default)
    {
        var key = RabbitMqRoutingKeys.For(tenantId, interactionId);
        var inner = _local.Subscribe(tenantId, interactionId);
        lock (_gate)
        {
            State(key).Subscribers++;
        }

        var subscription = new Subscription(this, inner, key);
        try
        {
            await SyncBindingAsync(key, cancellationToken);
        }
        catch
        {
            subscription.Dispose();
            throw;
        }

        return subscription;
    }

    public async ValueTask WatchAsync(string tenantId, string interactionId, Action stale, CancellationToken cancellationToken)
    {
        var key = RabbitMqRoutingKeys.For(tenantId, interactionId);
        lock (_gate)
        {
            var state = State(key);
            state.Watchers++;
            state.Stale = stale;
        }

        try
        {
            await SyncBindingAsync(key, cancellationToken);
        }
        catch
        {
            // A caller that gives up (a cancelled request) must not leave its watch, and the binding, behind.
            Unwatch(tenantId, interactionId);
            throw;
        }
    }

    public void Unwatch(string tenantId, string interactionId)
    {
        var key = RabbitMqRoutingKeys.For(tenantId, interactionId);
        lock (_gate)
        {
            if (!_keys.TryGetValue(key, out var state) || state.Watchers == 0)
            {
                return;
            }

            if (--state.Watchers == 0)
            {
                state.Stale = null;
            }
        }

        SyncInBackground(key);
    }

    /// <summary>Connects, or keeps trying in the background: the host starts without the broker and reports not ready.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _pump = Task.Run(PumpAsync, CancellationToken.None);
        try
        {
            await ConnectAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning("RabbitMQ is unreachable at start ({Reason}); retrying every {Seconds} s", ex.Message, _options.RecoverySeconds);
            _connecting = Task.Run(RetryConnectAsync, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _ready = false;
        await _stopping.CancelAsync();
        _outbox.Writer.TryComplete();
        await Task.WhenAll(_pump, _connecting).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_connection is { } connection)
        {
            try
            {
                await connection.CloseAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogDebug(ex, "Closing the RabbitMQ connection failed");
            }

            await connection.DisposeAsync();
        }

        _local.EndAll();
        _stopping.Dispose();
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var uri = new Uri(_options.Uri!);
        var factory = new ConnectionFactory
        {
            Uri = uri,
            AutomaticRecoveryEnabled = true,
            // Our own topology after recovery: the server-named queue is new, and only the keys wanted now are bound.
            TopologyRecoveryEnabled = false,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(_options.RecoverySeconds),
            RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
            ContinuationTimeout = TimeSpan.FromSeconds(10),
            ClientProvidedName = "salescoach-" + ReplicaId,
        };
        var connection = await factory.CreateConnectionAsync(cancellationToken);
        connection.ConnectionShutdownAsync += OnShutdownAsync;
        connection.RecoverySucceededAsync += OnRecoveredAsync;
        _connection = connection;
        await EstablishAsync(cancellationToken);
        // Never the URI itself: it carries the password.
        _logger.LogInformation("RabbitMQ transport connected to {Host}:{Port}, replica {ReplicaId}", uri.Host, uri.Port, ReplicaId);
    }

    private async Task RetryConnectAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(_options.RecoverySeconds), _stopping.Token);
                await ConnectAsync(_stopping.Token);
                return;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogDebug("RabbitMQ still unreachable: {Reason}", ex.Message);
            }
        }
    }

    /// <summary>Fresh channels, exchange, queue and consumer, then a binding for every key wanted now.</summary>
    private async Task EstablishAsync(CancellationToken cancellationToken)
    {
        await _topology.WaitAsync(cancellationToken);
        try
        {
            var connection = _connection!;
            await CloseQuietlyAsync(_publisher);
            await CloseQuietlyAsync(_consumer);
            _publisher = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            var channel = _consumer = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            await channel.ExchangeDeclareAsync(_options.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            var queue = await channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += OnReceivedAsync;
            await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer, cancellationToken);
            _queue = queue.QueueName;

            List<string> wanted;
            lock (_gate)
            {
                wanted = [.. _keys.Where(k => k.Value.Wanted).Select(k => k.Key)];
            }

            foreach (var key in wanted)
            {
                await channel.QueueBindAsync(_queue, _options.Exchange, key, cancellationToken: cancellationToken);
                lock (_gate)
                {
                    _keys[key].Bound = true;
                }
            }

            // Whatever other replicas published before now never arrived here: streams opened meanwhile end and catch up
            // from the log, and live state held here is rebuilt from the store on its next use. Then publishing resumes.
            _local.EndAll();
            List<Action> stale;
            lock (_gate)
            {
                stale = [.. _keys.Values.Select(k => k.Stale).OfType<Action>()];
            }

            foreach (var evict in stale)
            {
                evict();
            }

            Interlocked.Exchange(ref _dropWarned, 0);
            _ready = true;
        }
        finally
        {
            _topology.Release();
        }

        // Keys released while the bindings above were made are unbound now.
        foreach (var key in SnapshotKeys())
        {
            SyncInBackground(key);
        }
    }

    /// <summary>Makes the broker's binding of one key match whether anyone here wants it. Does nothing while disconnected.</summary>
    private async Task SyncBindingAsync(string key, CancellationToken cancellationToken)
    {
        await _topology.WaitAsync(cancellationToken);
        try
        {
            bool wanted, bound;
            lock (_gate)
            {
                if (!_keys.TryGetValue(key, out var state))
                {
                    return;
                }

                (wanted, bound) = (state.Wanted, state.Bound);
                if (!wanted && !bound)
                {
                    _keys.Remove(key);
                    return;
                }
            }

            if (wanted == bound || !_ready || _consumer is not { } channel || _queue is not { } queue)
            {
                return;
            }

            try
            {
                if (wanted)
                {
                    await channel.QueueBindAsync(queue, _options.Exchange, key, cancellationToken: cancellationToken);
                }
                else
                {
                    await channel.QueueUnbindAsync(queue, _options.Exchange, key, cancellationToken: cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The connection is going away; the next EstablishAsync binds what is wanted then.
                _logger.LogDebug("RabbitMQ {Operation} failed: {Reason}", wanted ? "bind" : "unbind", ex.Message);
                return;
            }

            lock (_gate)
            {
                var state = _keys[key];
                state.Bound = wanted;
                if (!state.Wanted && !state.Bound)
                {
                    _keys.Remove(key);
                }
            }
        }
        finally
        {
            _topology.Release();
        }

        // Wanted may have changed while the broker answered.
        lock (_gate)
        {
            if (!_keys.TryGetValue(key, out var state) || state.Wanted == state.Bound || !_ready)
            {
                return;
            }
        }

        SyncInBackground(key);
    }

    private void SyncInBackground(string key) => _ = Task.Run(async () =>
    {
        try
        {
            await SyncBindingAsync(key, _stopping.Token);
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

    private Task OnShutdownAsync(object sender, ShutdownEventArgs args)
    {
        _ready = false;
        _queue = null;
        lock (_gate)
        {
            // The exclusive queue and its bindings die with the connection.
            foreach (var (key, state) in _keys.ToList())
            {
                state.Bound = false;
                if (!state.Wanted)
                {
                    _keys.Remove(key);
                }
            }
        }

        if (!_stopping.IsCancellationRequested)
        {
            _logger.LogWarning("RabbitMQ connection lost ({Code} {Reason}); open streams end and reconnect from the log", args.ReplyCode, args.ReplyText);
        }

        // Events from other replicas cannot arrive now: clients reconnect with Last-Event-ID and read the log.
        _local.EndAll();
        return Task.CompletedTask;
    }

    private Task OnRecoveredAsync(object sender, AsyncEventArgs args)
    {
        // Off the recovery loop: creating channels from inside its handler could wait on the recovery itself.
        _ = Task.Run(async () =>
        {
            try
            {
                await EstablishAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning("RabbitMQ reconnected but its queue could not be set up: {Reason}", ex.Message);
                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _logger.LogInformation("RabbitMQ connection recovered; {Dropped} messages dropped since start", DroppedMessages);
        });
        return Task.CompletedTask;
    }

    private Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        if (delivery.BasicProperties.AppId == ReplicaId)
        {
            return Task.CompletedTask;
        }

        // The ids inside must match the key the message was routed by: a message cannot reach another tenant's streams.
        var message = EventMessage.TryParse(delivery.Body.Span);
        if (message is null || RabbitMqRoutingKeys.For(message.TenantId, message.InteractionId) != delivery.RoutingKey)
        {
            _logger.LogWarning("Ignored a malformed RabbitMQ message on routing key {RoutingKey}", delivery.RoutingKey);
            return Task.CompletedTask;
        }

        Interlocked.Increment(ref _received);
        Action? stale;
        lock (_gate)
        {
            stale = _keys.TryGetValue(delivery.RoutingKey, out var state) ? state.Stale : null;
        }

        // Another replica appended: this replica's in-memory state of the interaction is behind the store.
        stale?.Invoke();
        _local.Publish(message.TenantId, message.InteractionId, message.ToEvents());
        return Task.CompletedTask;
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var message in _outbox.Reader.ReadAllAsync(_stopping.Token))
            {
                if (!_ready || _publisher is not { } channel)
                {
                    Dropped("the broker is unreachable");
                    continue;
                }

                try
                {
                    await channel.BasicPublishAsync(_options.Exchange, message.RoutingKey, mandatory: false, _properties, message.Body, _stopping.Token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Dropped(ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private void Dropped(string reason)
    {
        Interlocked.Increment(ref _dropped);
        DroppedCounter.Add(1);
        // One warning per outage; the counter has the rest.
        if (Interlocked.Exchange(ref _dropWarned, 1) == 0)
        {
            _logger.LogWarning("Interaction events not sent to RabbitMQ: {Reason}. Streams on other replicas catch up from the store", reason);
        }
    }

    private static async Task CloseQuietlyAsync(IChannel? channel)
    {
        if (channel is null)
        {
            return;
        }

        try
        {
            await channel.DisposeAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A channel of a dropped connection: nothing to close.
        }
    }

    private List<string> SnapshotKeys()
    {
        lock (_gate)
        {
            return [.. _keys.Keys];
        }
    }

    private KeyState State(string key)
    {
        if (!_keys.TryGetValue(key, out var state))
        {
            _keys[key] = state = new KeyState();
        }

        return state;
    }

    private void Leave(string key)
    {
        lock (_gate)
        {
            if (_keys.TryGetValue(key, out var state))
            {
                state.Subscribers--;
            }
        }

        SyncInBackground(key);
    }

    private sealed record Outgoing(string RoutingKey, byte[] Body);

    private sealed class KeyState
    {
        public int Subscribers { get; set; }

        public int Watchers { get; set; }

        public Action? Stale { get; set; }

        public bool Bound { get; set; }

        public bool Wanted => Subscribers > 0 || Watchers > 0;
    }

    private sealed class Subscription(RabbitMqInteractionEventBus bus, IInteractionSubscription inner, string key) : IInteractionSubscription
    {
        private int _disposed;

        public ChannelReader<InteractionEvent> Events => inner.Events;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                inner.Dispose();
                bus.Leave(key);
            }
        }
    }
}
