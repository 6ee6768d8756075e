using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Summaries;
using SalesCoach.Content.Library;
using SalesCoach.Crm;
using SalesCoach.Crm.WriteBack;
using CoachingSummary = SalesCoach.Coaching.Summaries.InteractionSummary;

namespace SalesCoach.Api.Coaching.WriteBack;

/// <summary>
/// Writes completed interactions' summaries to their CRM records, one job at a time: a single consumer also means
/// two runs of the same interaction never race (the CRM write-back finds and updates its own note on a repeat).
/// Transient CRM failures are retried with doubling waits; the rest end the job as skipped or failed, with a reason.
/// </summary>
internal sealed class WriteBackWorker(
    WriteBackQueue queue, WriteBackStore jobs, InteractionStore interactions, SummaryStore summaries, ContentStore library,
    SummaryWriteBack writeBack, IOptions<WriteBackOptions> options, TimeProvider time, ILogger<WriteBackWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Jobs left pending by the last shutdown (or lost with the in-memory queue) start again here.
        foreach (var (tenantId, interactionId) in await jobs.ListPendingAsync(stoppingToken))
        {
            queue.Wake(tenantId, interactionId);
        }

        await foreach (var (tenantId, interactionId) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(tenantId, interactionId, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Storage trouble: the row stays pending and runs again at the next start or retry request.
                logger.LogError(e, "Write-back of interaction {InteractionId} (tenant {TenantId}) could not run.", interactionId, tenantId);
            }
        }
    }

    private async Task RunAsync(string tenantId, string interactionId, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(tenantId, interactionId, cancellationToken);
        if (job is not { Status: WriteBackStatus.Pending })
        {
            return;
        }

        var attempt = job.Attempts + 1;
        var interaction = await interactions.FindAsync(tenantId, interactionId, cancellationToken);
        var body = await summaries.ReadAsync(tenantId, interactionId, cancellationToken);
        if (interaction is null || body is null)
        {
            await jobs.UpdateAsync(tenantId, interactionId, WriteBackStatus.Failed, attempt, "The interaction has no stored summary.", null, cancellationToken);
            return;
        }

        var stored = JsonSerializer.Deserialize<CoachingSummary>(body, CoachingJson.Options)!;
        var summary = SummaryMapping.ToCrm(interaction, stored, await ContentTitlesAsync(tenantId, stored.ContentUsed, cancellationToken));
        try
        {
            var result = await writeBack.WriteAsync(summary, cancellationToken);
            await (result is null
                ? jobs.UpdateAsync(tenantId, interactionId, WriteBackStatus.Skipped, attempt, $"The tenant has no {job.Crm} connection.", null, cancellationToken)
                : jobs.UpdateAsync(tenantId, interactionId, WriteBackStatus.Written, attempt, null, result.NoteId, cancellationToken));
        }
        catch (CrmException e) when (e.Kind is CrmErrorKind.Throttled or CrmErrorKind.Unavailable && attempt < options.Value.MaxAttempts)
        {
            var delay = Backoff(attempt, e.RetryAfter);
            await jobs.UpdateAsync(tenantId, interactionId, WriteBackStatus.Pending, attempt, Reason(e), null, cancellationToken);
            logger.LogWarning("Write-back of {InteractionId} to {Crm}: {Kind}; attempt {Attempt} of {Max}, next in {Delay}.",
                interactionId, job.Crm, e.Kind, attempt, options.Value.MaxAttempts, delay);
            _ = WakeLaterAsync(tenantId, interactionId, delay, cancellationToken);
        }
        catch (CrmException e)
        {
            await jobs.UpdateAsync(tenantId, interactionId, WriteBackStatus.Failed, attempt, Reason(e), null, cancellationToken);
            logger.LogWarning("Write-back of {InteractionId} to {Crm} failed: {Kind} {ErrorCode}.", interactionId, job.Crm, e.Kind, e.ErrorCode);
        }
        catch (Exception e) when (e is ValidationException or ArgumentException)
        {
            // The interaction's record reference or CRM cannot be written to as stored: retrying will not change that.
            await jobs.UpdateAsync(tenantId, interactionId, WriteBackStatus.Failed, attempt, $"Not writable: {e.Message}", null, cancellationToken);
        }
    }

    /// <summary>The note names the content a rep used by its title and link, as the library has them now.</summary>
    private async Task<Dictionary<string, SummaryContent>> ContentTitlesAsync(string tenantId, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var titles = new Dictionary<string, SummaryContent>(StringComparer.Ordinal);
        foreach (var id in ids.Distinct())
        {
            if (await library.GetAsync(tenantId, id, cancellationToken) is { } item)
            {
                titles[id] = new SummaryContent(item.Draft.Title, item.Draft.Url);
            }
        }

        return titles;
    }

    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var settings = options.Value;
        var doubled = settings.BaseDelay * Math.Pow(2, Math.Min(attempt - 1, 20));
        var wait = retryAfter is { } server && server > doubled ? server : doubled;
        return wait < settings.MaxDelay ? wait : settings.MaxDelay;
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

    /// <summary>What the status endpoint shows: the kind and the vendor's code, never a token or a request.</summary>
    private static string Reason(CrmException e) => e.Kind switch
    {
        CrmErrorKind.SessionExpired =>
            $"The rep's {e.Crm} session has expired or no token is stored: the rep opens SalesCoach in {e.Crm} again, then retry.",
        _ => Truncate($"{e.Kind} ({e.ErrorCode ?? e.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no code"}): {e.Message}"),
    };

    private static string Truncate(string value) => value.Length <= 500 ? value : value[..500];
}
