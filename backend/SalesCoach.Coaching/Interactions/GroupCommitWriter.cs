using System.Data.Common;
using System.Threading.Channels;
using SalesCoach.Storage.Database;

namespace SalesCoach.Coaching.Interactions;

/// <summary>
/// What one caller asked to write (segment text already sealed), and the caller to complete once it is durable.
/// </summary>
internal sealed record PendingAppend(
    string TenantId, string InteractionId, IReadOnlyList<StoredSegment> Segments, IReadOnlyList<StoredTip> Tips,
    IReadOnlyList<InteractionEvent> Events, long At, CancellationToken CancellationToken)
{
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Group commit: the one writer of appends. Callers queue their append and wait; the writer takes everything
/// queued (up to <see cref="MaxBatch"/>), writes it in one transaction and completes each caller after the commit,
/// so a commit (and its fsync) is paid once per batch instead of once per request. A batch that fails is written
/// again append by append, each in its own transaction, so a bad append fails only its own caller and nothing is
/// acknowledged that was not committed. Order within an interaction is the callers' (the live gate lets one append
/// per interaction wait at a time); the queue is bounded, so a store that falls behind slows the callers down.
/// </summary>
internal sealed class GroupCommitWriter
{
    public const int MaxBatch = 512;
    private const int QueueCapacity = 8192;

    private readonly SqlDatabase _database;
    private readonly Func<DbConnection, DbTransaction, IReadOnlyList<PendingAppend>, Task> _write;
    private readonly Channel<PendingAppend> _queue = Channel.CreateBounded<PendingAppend>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private long _commits;

    public GroupCommitWriter(SqlDatabase database, Func<DbConnection, DbTransaction, IReadOnlyList<PendingAppend>, Task> write)
    {
        _database = database;
        _write = write;
        // Lives as long as the store; while idle it waits on the queue without holding a thread or a connection.
        _ = Task.Run(RunAsync);
    }

    /// <summary>Transactions committed so far (each holds one or more appends).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>
    /// Completes when the append is committed. Cancelling before the writer takes the append writes nothing; once
    /// taken, the caller waits for the commit's outcome, so it never returns while the store is still deciding.
    /// </summary>
    public async Task WriteAsync(PendingAppend append)
    {
        await _queue.Writer.WriteAsync(append, append.CancellationToken);
        await append.Done.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingAppend>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var append))
            {
                if (append.CancellationToken.IsCancellationRequested)
                {
                    append.Done.TrySetCanceled(append.CancellationToken);
                }
                else
                {
                    batch.Add(append);
                }
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch);
                batch.Clear();
            }
        }
    }

    private async Task CommitAsync(List<PendingAppend> batch)
    {
        try
        {
            await WriteInTransactionAsync(batch);
            foreach (var append in batch)
            {
                append.Done.TrySetResult();
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            // The whole transaction rolled back; alone, each append succeeds or fails on its own merits.
            foreach (var append in batch)
            {
                try
                {
                    await WriteInTransactionAsync([append]);
                    append.Done.TrySetResult();
                }
                catch (Exception e)
                {
                    append.Done.TrySetException(e);
                }
            }
        }
        catch (Exception e)
        {
            batch[0].Done.TrySetException(e);
        }
    }

    private async Task WriteInTransactionAsync(IReadOnlyList<PendingAppend> appends)
    {
        await using var connection = await _database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await _write(connection, transaction, appends);
        await transaction.CommitAsync();
        Interlocked.Increment(ref _commits);
    }
}
