using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;

namespace SalesCoach.Crm.WriteBack;

/// <summary>
/// After a call: renders the summary as one note in the rep's language and writes it to the CRM record through
/// the matching client. Safe to call again for the same interaction (the note is found and updated, or left alone).
/// </summary>
public sealed class SummaryWriteBack(ICrmConnectionSource connections, IEnumerable<ICrmNoteWriter> writers, ILogger<SummaryWriteBack> logger)
{
    // Serialises write-backs of one interaction inside this process, so two at once cannot both search, miss and
    // create. Striped, so the set of locks stays fixed however many interactions pass through.
    private static readonly SemaphoreSlim[] Gates = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <returns>What was written, or null when the tenant has no connection to that CRM.</returns>
    public async Task<WriteBackResult?> WriteAsync(InteractionSummary summary, CancellationToken cancellationToken)
    {
        Validator.ValidateObject(summary, new ValidationContext(summary), validateAllProperties: true);
        var writer = writers.FirstOrDefault(w => w.Crm == summary.Crm)
            ?? throw new ArgumentException($"No note writer for CRM '{summary.Crm}'.", nameof(summary));
        var target = await connections.GetAsync(summary.TenantId, summary.Crm, summary.CrmUserId, cancellationToken);
        if (target is null)
        {
            logger.LogInformation("Tenant {TenantId} has no {Crm} connection; summary of {InteractionId} not written back.",
                summary.TenantId, summary.Crm, summary.InteractionId);
            return null;
        }

        if (target.Crm != summary.Crm)
        {
            throw new ArgumentException($"The connection source answered a {target.Crm} target for a {summary.Crm} summary.", nameof(summary));
        }

        var note = SummaryNoteRenderer.Render(summary);
        var gate = Gates[(uint)StringComparer.Ordinal.GetHashCode($"{summary.TenantId}/{summary.InteractionId}") % Gates.Length];
        await gate.WaitAsync(cancellationToken);
        try
        {
            WriteBackResult result;
            try
            {
                result = await writer.WriteAsync(target, summary, note, cancellationToken);
            }
            catch (CrmException e) when (e.IsSessionExpired && e.StatusCode == 401)
            {
                // The CRM refused the token: renew it once (Salesforce refresh token) and write again. The note writers
                // find their own earlier note, so running one again never duplicates what the refused attempt wrote.
                var renewed = await connections.RefreshAsync(summary.TenantId, summary.Crm, summary.CrmUserId, target, cancellationToken);
                if (renewed is null)
                {
                    throw;
                }

                logger.LogInformation("The {Crm} token for {InteractionId} was refused and renewed; writing once more.", summary.Crm, summary.InteractionId);
                result = await writer.WriteAsync(renewed, summary, note, cancellationToken);
            }

            logger.LogInformation("Summary of {InteractionId} written back to {Crm} {RecordType} {RecordId}: {Outcome} note {NoteId}.",
                summary.InteractionId, summary.Crm, summary.RecordType, summary.RecordId, result.Outcome, result.NoteId);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }
}
