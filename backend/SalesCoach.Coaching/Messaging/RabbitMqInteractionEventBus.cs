using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
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
/// <para>
/// The parts: <see cref="RabbitMqConnection"/> (connect, retry, recovery), <see cref="RabbitMqTopology"/> (queue and
/// bindings, following <see cref="RoutingKeyInterest"/>), <see cref="RabbitMqOutbox"/> (sending) and
/// <see cref="RabbitMqInbox"/> (receiving).
/// </para>
/// </summary>
public sealed class RabbitMqInteractionEventBus : IInteractionEventBus, ILiveInteractionWatch, IAsyncDisposable
{
    private readonly InProcessInteractionEventBus _local = new();
    private readonly RoutingKeyInterest _interest = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger<RabbitMqInteractionEventBus> _logger;
    private readonly RabbitMqConnection _connection;
    private readonly RabbitMqTopology _topology;
    private readonly RabbitMqOutbox _outbox;
    private readonly RabbitMqInbox _inbox;
    private volatile bool _ready;
    private int _disposed;

    public RabbitMqInteractionEventBus(IOptions<MessagingOptions> options, ILogger<RabbitMqInteractionEventBus> logger)
    {
        var rabbit = options.Value.RabbitMq;
        _logger = logger;
        _outbox = new RabbitMqOutbox(rabbit, ReplicaId, () => _ready, logger);
        _inbox = new RabbitMqInbox(ReplicaId, _interest, _local, logger);
        _topology = new RabbitMqTopology(rabbit, _interest, logger, _stopping.Token);
        _connection = new RabbitMqConnection(rabbit, ReplicaId, logger, _stopping.Token) { Establish = EstablishAsync, Lost = OnLost };
    }

    /// <summary>This process's id on the exchange; messages carrying it are its own.</summary>
    public string ReplicaId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Connected, with the queue declared and consuming: publishes reach the broker.</summary>
    public bool IsConnected => _ready;

    /// <summary>Publishes dropped since start (broker unreachable or outbox full).</summary>
    public long DroppedMessages => _outbox.DroppedCount;

    /// <summary>Messages from other replicas delivered here since start.</summary>
    public long ReceivedMessages => _inbox.ReceivedCount;

    /// <summary>Routing keys this replica has bound on the broker now.</summary>
    public int BoundKeyCount => _interest.BoundCount;

    /// <summary>Raised with the routing key after each bind the broker confirmed.</summary>
    internal event Action<string>? KeyBound
    {
        add => _topology.KeyBound += value;
        remove => _topology.KeyBound -= value;
    }

    public void Publish(string tenantId, string interactionId, IReadOnlyList<InteractionEvent> events)
    {
        _local.Publish(tenantId, interactionId, events);
        if (!_ready)
        {
            _outbox.Drop("the broker is unreachable");
            return;
        }

        _outbox.Enqueue(RabbitMqRoutingKeys.For(tenantId, interactionId), EventMessage.Serialize(tenantId, interactionId, events));
    }

    public async ValueTask<IInteractionSubscription> SubscribeAsync(string tenantId, string interactionId, CancellationToken cancellationToken = default)
    {
        var subscription = new RabbitMqSubscription(_local.Subscribe(tenantId, interactionId), RabbitMqRoutingKeys.For(tenantId, interactionId), Leave);
        _interest.AddStream(subscription);
        try
        {
            await _topology.SyncAsync(subscription.Key, cancellationToken);
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
        _interest.Watch(key, stale);
        try
        {
            await _topology.SyncAsync(key, cancellationToken);
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
        if (_interest.Unwatch(key))
        {
            _topology.SyncInBackground(key);
        }
    }

    /// <summary>Connects, or keeps trying in the background: the host starts without the broker and reports not ready.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _outbox.Start(_stopping.Token);
        return _connection.StartAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _ready = false;
        await _stopping.CancelAsync();
        await Task.WhenAll(_outbox.CompleteAsync(), _connection.Retrying).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _connection.CloseAsync();
        EndStreams();
        _stopping.Dispose();
    }

    private async Task EstablishAsync(IConnection connection, bool recovered, CancellationToken cancellationToken)
    {
        await _outbox.OpenChannelAsync(connection, cancellationToken);
        await _topology.EstablishAsync(connection, _inbox.OnReceivedAsync, beforeBinding: EndStreamsAndDropLiveState, afterBinding: Resume, cancellationToken);
        if (recovered)
        {
            _logger.LogInformation("RabbitMQ connection recovered; {Dropped} messages dropped since start", DroppedMessages);
        }
    }

    /// <summary>
    /// Whatever other replicas published before now never arrived here: streams opened meanwhile end and catch up from the
    /// log, and live state held here is rebuilt from the store on its next use. Done before the keys are bound again, so a
    /// key that nobody wants any more is not bound, and one that is wanted again is bound once.
    /// </summary>
    private void EndStreamsAndDropLiveState()
    {
        EndStreams();
        NotifyStale();
    }

    private void Resume()
    {
        // A watch held now was taken while the bindings were made: its load may have read the store before them, so it
        // reads again.
        NotifyStale();
        _outbox.ResetWarning();
        _ready = true;
    }

    private void OnLost()
    {
        _ready = false;
        _topology.Lost();
        // Events from other replicas cannot arrive now: clients reconnect with Last-Event-ID and read the log.
        EndStreams();
    }

    /// <summary>Ends every open stream; none of them keeps its key bound from now on.</summary>
    private void EndStreams()
    {
        foreach (var stream in _interest.TakeStreams())
        {
            stream.End();
            _topology.SyncInBackground(stream.Key);
        }
    }

    private void NotifyStale()
    {
        foreach (var evict in _interest.StaleCallbacks())
        {
            evict();
        }
    }

    private void Leave(RabbitMqSubscription subscription)
    {
        _interest.RemoveStream(subscription);
        _topology.SyncInBackground(subscription.Key);
    }
}
