using System.Threading.Channels;
using SalesCoach.Storage.Database;

namespace SalesCoach.Coaching.Interactions;

/// <summary>
/// What one caller asked to write (segment text already sealed), and the caller to complete once it is durable: true
/// when written, false when its interaction no longer exists (erased or purged) and nothing was.
/// </summary>
internal sealed record PendingAppend(
    string TenantId, string InteractionId, IReadOnlyList<StoredSegment> Segments, IReadOnlyList<StoredTip> Tips,
    IReadOnlyList<InteractionEvent> Events, long At, CancellationToken CancellationToken)
{
    public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Group commit: the one writer of appends. Callers queue their append and wait; the writer takes everything
/// queued (up to <see cref="MaxBatch"/>), writes it in one transaction and completes each caller after the commit,
/// so a commit (and its fsync) is paid once per batch instead of once per request. A batch that fails is written
/// again append by append, each in its own transaction, so a bad append fails only its own caller and nothing is
/// acknowledged that was not committed. Order within an interaction is the callers' (the live gate lets one append
/// per interaction wait at a time); the queue is bounded, so a store that falls behind slows the callers down.
/// The writer is a thread of its own, using the providers' synchronous calls: SQLite's are synchronous underneath
/// anyway, and a writer that waited in the thread pool's queue behind the requests it has just completed would
/// commit in bursts. The thread keeps one connection with its statements prepared (<see cref="AppendRows"/>) until it
/// goes idle, and opens a new one after an error.
/// </summary>
internal sealed class GroupCommitWriter
{
    public const int MaxBatch = 512;
    private const int QueueCapacity = 8192;
    private static readonly TimeSpan IdleExit = TimeSpan.FromSeconds(5);

    private readonly SqlDatabase _database;
    private readonly Channel<PendingAppend> _queue = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
        // Wakes the writer thread directly; callers' own continuations run through their TaskCompletionSource instead.
        AllowSynchronousContinuations = true,
    });

    private long _commits;
    private int _running;

    public GroupCommitWriter(SqlDatabase database) => _database = database;

    /// <summary>Transactions committed so far (each holds one or more appends).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>
    /// Completes when the append is committed (true), or when its interaction turned out to be gone and nothing was
    /// written (false). Cancelling before the writer takes the append writes nothing; once taken, the caller waits for
    /// the commit's outcome, so it never returns while the store is still deciding.
    /// </summary>
    public async Task<bool> WriteAsync(PendingAppend append)
    {
        await _queue.Writer.WriteAsync(append, append.CancellationToken);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            new Thread(Run) { IsBackground = true, Name = "interaction append writer" }.Start();
        }

        return await append.Done.Task;
    }

    private void Run()
    {
        var batch = new List<PendingAppend>(MaxBatch);
        using var rows = new AppendRows(_database);
        while (true)
        {
            if (!_queue.Reader.TryPeek(out _) && !_queue.Reader.WaitToReadAsync().AsTask().Wait(IdleExit))
            {
                // Idle: the connection is closed (no pooled PostgreSQL session held for nothing) and the thread ends. A
                // caller that queued just now either is seen here (the connection reopens) or starts the next thread.
                rows.Close();
                Interlocked.Exchange(ref _running, 0);
                if (!_queue.Reader.TryPeek(out _) || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
                {
                    return;
                }
            }

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
                Commit(rows, batch);
                batch.Clear();
            }
        }
    }

    private void Commit(AppendRows rows, List<PendingAppend> batch)
    {
        try
        {
            var gone = WriteInTransaction(rows, batch);
            foreach (var append in batch)
            {
                append.Done.TrySetResult(!gone.Contains((append.TenantId, append.InteractionId)));
            }
        }
        catch (Exception error) when (batch.Count > 1 && SqlDatabase.IsConstraintViolation(error))
        {
            // One append broke a key and the whole transaction rolled back; alone, each append succeeds or fails on
            // its own merits. Any other error (busy, I/O, a lost connection) is the store's and fails the batch at
            // once instead of retrying up to 512 appends one by one against it.
            foreach (var append in batch)
            {
                try
                {
                    append.Done.TrySetResult(WriteInTransaction(rows, [append]).Count == 0);
                }
                catch (Exception e)
                {
                    append.Done.TrySetException(e);
                }
            }
        }
        catch (Exception e)
        {
            foreach (var append in batch)
            {
                append.Done.TrySetException(e);
            }
        }
    }

    private HashSet<(string TenantId, string InteractionId)> WriteInTransaction(AppendRows rows, IReadOnlyList<PendingAppend> appends)
    {
        HashSet<(string, string)> gone;
        using (_database.EnterWrite())
        {
            try
            {
                gone = rows.Write(appends);
            }
            catch
            {
                // The connection may be broken or left in a failed state: the next transaction starts on a new one.
                rows.Close();
                throw;
            }
        }

        Interlocked.Increment(ref _commits);
        return gone;
    }
}
