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
/// Runs one write-back job that this replica holds: the stored summary as the CRM-neutral summary, written to the record.
/// Transient CRM failures are retried with doubling waits; the rest end the job as skipped or failed, with a reason.
/// </summary>
internal sealed class WriteBackJobRunner(
    WriteBackStore jobs, InteractionStore interactions, SummaryStore summaries, ContentStore library, SummaryWriteBack writeBack,
    IOptions<WriteBackOptions> options, TimeProvider time, ILogger<WriteBackJobRunner> logger)
{
    /// <returns>The wait before the job is due again when a transient failure scheduled a retry; otherwise null.</returns>
    public async Task<TimeSpan?> RunAsync(WriteBackJob job, string owner, CancellationToken cancellationToken)
    {
        var (tenantId, interactionId) = (job.TenantId, job.InteractionId);
        var attempt = job.Attempts + 1;
        var interaction = await interactions.FindAsync(tenantId, interactionId, cancellationToken);
        var body = await summaries.ReadAsync(tenantId, interactionId, cancellationToken);
        if (interaction is null || body is null)
        {
            await FinishAsync(job, owner, WriteBackStatus.Failed, attempt, "The interaction has no stored summary.", null, null, null, cancellationToken);
            return null;
        }

        var stored = JsonSerializer.Deserialize<CoachingSummary>(body, CoachingJson.Options)!;
        var summary = SummaryMapping.ToCrm(interaction, stored, await ContentTitlesAsync(tenantId, stored.ContentUsed, cancellationToken));
        try
        {
            var result = await writeBack.WriteAsync(summary, cancellationToken);
            await (result is null
                ? FinishAsync(job, owner, WriteBackStatus.Skipped, attempt, $"The tenant has no {job.Crm} connection.", null, null, null, cancellationToken)
                : FinishAsync(job, owner, WriteBackStatus.Written, attempt, null, result.NoteId, null, null, cancellationToken));
        }
        catch (CrmException e) when (e.Kind is CrmErrorKind.Throttled or CrmErrorKind.Unavailable && attempt < options.Value.MaxAttempts)
        {
            var delay = Backoff(attempt, e.RetryAfter);
            // Due again after the wait on any replica; this one wakes itself for it, the others find it when they poll.
            await FinishAsync(job, owner, WriteBackStatus.Pending, attempt, Reason(e), null, time.GetUtcNow() + delay, null, cancellationToken);
            logger.LogWarning("Write-back of {InteractionId} to {Crm}: {Kind}; attempt {Attempt} of {Max}, next in {Delay}.",
                interactionId, job.Crm, e.Kind, attempt, options.Value.MaxAttempts, delay);
            return delay;
        }
        catch (CrmException e)
        {
            await FinishAsync(job, owner, WriteBackStatus.Failed, attempt, Reason(e), null, null, ErrorCode(e), cancellationToken);
            logger.LogWarning("Write-back of {InteractionId} to {Crm} failed: {Kind} {ErrorCode}.", interactionId, job.Crm, e.Kind, e.ErrorCode);
        }
        catch (Exception e) when (e is ValidationException or ArgumentException)
        {
            // The interaction's record reference or CRM cannot be written to as stored: retrying will not change that.
            await FinishAsync(job, owner, WriteBackStatus.Failed, attempt, $"Not writable: {e.Message}", null, null, null, cancellationToken);
        }

        return null;
    }

    private async Task FinishAsync(
        WriteBackJob job, string owner, string status, int attempts, string? lastError, string? noteId, DateTimeOffset? notBefore,
        string? errorCode, CancellationToken cancellationToken)
    {
        if (!await jobs.FinishAsync(job.TenantId, job.InteractionId, owner, status, attempts, lastError, noteId, notBefore, errorCode, cancellationToken))
        {
            logger.LogWarning("The write-back of {InteractionId} ended as {Status}, but another replica holds the job now; its run records the outcome.",
                job.InteractionId, status);
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

    /// <summary>What the status endpoint shows: the kind and the vendor's code, never a token or a request.</summary>
    private static string Reason(CrmException e) => e.Kind switch
    {
        CrmErrorKind.SessionExpired when e.ErrorCode == "invalid_grant" =>
            $"The rep's {e.Crm} authorization was revoked or has expired (invalid_grant): the rep opens SalesCoach in {e.Crm} again, then retry.",
        CrmErrorKind.SessionExpired =>
            $"The rep's {e.Crm} session has expired or no token is stored: the rep opens SalesCoach in {e.Crm} again, then retry.",
        _ => Truncate($"{e.Kind} ({e.ErrorCode ?? e.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no code"}): {e.Message}"),
    };

    /// <summary>The reasons only the rep can clear, as codes (the adapter words them in the rep's language).</summary>
    private static string? ErrorCode(CrmException e) => e.Kind switch
    {
        CrmErrorKind.SessionExpired when e.ErrorCode == "invalid_grant" => WriteBackErrorCodes.AuthorizationRevoked,
        CrmErrorKind.SessionExpired => WriteBackErrorCodes.SessionExpired,
        _ => null,
    };

    private static string Truncate(string value) => value.Length <= 500 ? value : value[..500];
}
