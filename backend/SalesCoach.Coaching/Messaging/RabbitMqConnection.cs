using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace SalesCoach.Coaching.Messaging;

/// <summary>
/// The connection to the broker: made at start, or retried every <see cref="RabbitMqOptions.RecoverySeconds"/> in the
/// background while the broker is unreachable (the host starts anyway and reports not ready). After a drop the client
/// library reconnects on its own, and <see cref="Establish"/> sets channels, queue and bindings up again, as after the
/// first connect.
/// </summary>
internal sealed class RabbitMqConnection(RabbitMqOptions options, string replicaId, ILogger logger, CancellationToken stopping)
{
    private IConnection? _connection;

    /// <summary>Sets everything up on the connection; the flag says whether this is a recovery.</summary>
    public required Func<IConnection, bool, CancellationToken, Task> Establish { get; init; }

    /// <summary>The connection dropped: nothing is received or sent until <see cref="Establish"/> runs again.</summary>
    public required Action Lost { get; init; }

    /// <summary>The background retries after a failed start (done at once otherwise).</summary>
    public Task Retrying { get; private set; } = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ConnectAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("RabbitMQ is unreachable at start ({Reason}); retrying every {Seconds} s", ex.Message, options.RecoverySeconds);
            Retrying = Task.Run(RetryAsync, CancellationToken.None);
        }
    }

    public async Task CloseAsync()
    {
        if (_connection is not { } connection)
        {
            return;
        }

        try
        {
            await connection.CloseAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogDebug(ex, "Closing the RabbitMQ connection failed");
        }

        await connection.DisposeAsync();
    }

    public static async Task CloseQuietlyAsync(IChannel? channel)
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

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var uri = new Uri(options.Uri!);
        var factory = new ConnectionFactory
        {
            Uri = uri,
            AutomaticRecoveryEnabled = true,
            // Our own topology after recovery: the server-named queue is new, and only the keys wanted now are bound.
            TopologyRecoveryEnabled = false,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(options.RecoverySeconds),
            RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
            ContinuationTimeout = TimeSpan.FromSeconds(10),
            ClientProvidedName = "salescoach-" + replicaId,
        };
        var connection = await factory.CreateConnectionAsync(cancellationToken);
        connection.ConnectionShutdownAsync += OnShutdownAsync;
        connection.RecoverySucceededAsync += OnRecoveredAsync;
        _connection = connection;
        await Establish(connection, false, cancellationToken);
        // Never the URI itself: it carries the password.
        logger.LogInformation("RabbitMQ transport connected to {Host}:{Port}, replica {ReplicaId}", uri.Host, uri.Port, replicaId);
    }

    private async Task RetryAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(options.RecoverySeconds), stopping);
                await ConnectAsync(stopping);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogDebug("RabbitMQ still unreachable: {Reason}", ex.Message);
            }
        }
    }

    private Task OnShutdownAsync(object sender, ShutdownEventArgs args)
    {
        if (!stopping.IsCancellationRequested)
        {
            logger.LogWarning("RabbitMQ connection lost ({Code} {Reason}); open streams end and reconnect from the log", args.ReplyCode, args.ReplyText);
        }

        Lost();
        return Task.CompletedTask;
    }

    private Task OnRecoveredAsync(object sender, AsyncEventArgs args)
    {
        // Off the recovery loop: creating channels from inside its handler could wait on the recovery itself.
        _ = Task.Run(async () =>
        {
            try
            {
                await Establish(_connection!, true, stopping);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("RabbitMQ reconnected but its queue could not be set up: {Reason}", ex.Message);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        });
        return Task.CompletedTask;
    }
}
