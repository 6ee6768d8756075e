using Microsoft.Extensions.Options;

namespace SalesCoach.Api.Coaching.WriteBack;

/// <summary>
/// Writes completed interactions' summaries to their CRM records, one job at a time per replica. Replicas sharing a store
/// take each job before running it (a lease, renewed while the run lasts), so a job runs on exactly one replica at a time;
/// a replica that dies leaves its job to the others when its lease runs out, and the CRM write-back's own repeat check
/// (it finds and updates its note) keeps a job run twice across such a crash from writing a second note.
/// </summary>
internal sealed class WriteBackWorker(
    WriteBackQueue queue, WriteBackStore jobs, IServiceScopeFactory scopes, IOptions<WriteBackOptions> options, TimeProvider time,
    ILogger<WriteBackWorker> logger) : BackgroundService
{
    // Names this replica's claims: host, process and a random part, so two hosts in one process (tests) differ too.
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
    private CancellationToken _stopping;

    private TimeSpan Lease => options.Value.LeaseDuration;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Due jobs that no one holds: pending at start, left by a replica that died, retries another replica scheduled.
            await GuardAsync("due jobs", async () =>
            {
                while (await jobs.ClaimNextDueAsync(_owner, Lease, stoppingToken) is { } job)
                {
                    await RunClaimedAsync(job, stoppingToken);
                }
            });
            await ServeWakesUntilAsync(time.GetUtcNow() + options.Value.PollInterval, stoppingToken);
        }
    }

    /// <summary>Runs the jobs this replica is woken for (just queued here, or its own retries) until the next poll.</summary>
    private async Task ServeWakesUntilAsync(DateTimeOffset pollAt, CancellationToken stoppingToken)
    {
        for (var left = pollAt - time.GetUtcNow(); left > TimeSpan.Zero; left = pollAt - time.GetUtcNow())
        {
            using var poll = new CancellationTokenSource(left, time);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, poll.Token);
            try
            {
                if (!await queue.Reader.WaitToReadAsync(wait.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                return;
            }

            while (queue.Reader.TryRead(out var wake))
            {
                await GuardAsync(wake.InteractionId, async () =>
                {
                    if (await jobs.ClaimAsync(wake.TenantId, wake.InteractionId, _owner, Lease, stoppingToken) is { } job)
                    {
                        await RunClaimedAsync(job, stoppingToken);
                    }
                });
            }
        }
    }

    private async Task GuardAsync(string what, Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception e) when (e is not OperationCanceledException || !_stopping.IsCancellationRequested)
        {
            // Storage trouble: the row stays pending and is taken again once its lease (if any) runs out.
            logger.LogError(e, "Write-back of {What} could not run.", what);
        }
    }

    /// <summary>Runs a job this replica holds, renewing the hold until the run ends; stops the run if the job was lost.</summary>
    private async Task RunClaimedAsync(WriteBackJob job, CancellationToken stoppingToken)
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var hold = HoldAsync(job, run);
        try
        {
            // A scope per job: the CRM clients it resolves are fresh typed HttpClients, not ones held for the host's life.
            await using var scope = scopes.CreateAsyncScope();
            var retryIn = await scope.ServiceProvider.GetRequiredService<WriteBackJobRunner>().RunAsync(job, _owner, run.Token);
            if (retryIn is { } delay)
            {
                _ = WakeLaterAsync(job.TenantId, job.InteractionId, delay, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            // The lease was lost (HoldAsync said so): the replica that took the job over runs it.
        }
        finally
        {
            await run.CancelAsync();
            await hold;
        }
    }

    private async Task HoldAsync(WriteBackJob job, CancellationTokenSource run)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Lease / 3, time, run.Token);
                bool held;
                try
                {
                    held = await jobs.RenewAsync(job.TenantId, job.InteractionId, _owner, Lease, run.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not renew the hold on the write-back of {InteractionId}; trying again.", job.InteractionId);
                    continue;
                }

                if (!held)
                {
                    logger.LogWarning("The write-back of {InteractionId} was taken over by another replica after this one's lease ran out; "
                        + "stopping this run.", job.InteractionId);
                    await run.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    private async Task WakeLaterAsync(string tenantId, string interactionId, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
            queue.Wake(tenantId, interactionId);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the row is still pending and is picked up at the next start.
        }
    }
}
