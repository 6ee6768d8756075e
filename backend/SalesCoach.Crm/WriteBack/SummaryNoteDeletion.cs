using Microsoft.Extensions.Logging;

namespace SalesCoach.Crm.WriteBack;

public enum NoteDeletionOutcome
{
    Deleted,

    /// <summary>The CRM no longer has the note (someone deleted it there already).</summary>
    NotFound,

    /// <summary>The tenant has no connection to that CRM any more: nothing was called.</summary>
    NotConnected,
}

/// <summary>
/// Deletes a summary note the write-back wrote (a data subject's erasure), through the same connection and credentials
/// the write-back uses: the rep's own token on Salesforce, the portal token on HubSpot, the app on Dataverse. A token
/// the CRM refuses (401) is renewed once, as for a write. Failures are thrown as <see cref="CrmException"/>.
/// </summary>
public sealed class SummaryNoteDeletion(ICrmConnectionSource connections, IEnumerable<ICrmNoteWriter> writers, ILogger<SummaryNoteDeletion> logger)
{
    /// <param name="crmUserId">The rep's CRM user id, for CRMs called as the user (Salesforce).</param>
    public async Task<NoteDeletionOutcome> DeleteAsync(string tenantId, string crm, string? crmUserId, string noteId, CancellationToken cancellationToken)
    {
        var writer = writers.FirstOrDefault(w => w.Crm == crm) ?? throw new ArgumentException($"No note writer for CRM '{crm}'.", nameof(crm));
        if (await connections.GetAsync(tenantId, crm, crmUserId, cancellationToken) is not { } target)
        {
            return NoteDeletionOutcome.NotConnected;
        }

        bool deleted;
        try
        {
            deleted = await writer.DeleteAsync(target, noteId, cancellationToken);
        }
        catch (CrmException e) when (e.IsSessionExpired && e.StatusCode == 401)
        {
            var renewed = await connections.RefreshAsync(tenantId, crm, crmUserId, target, cancellationToken);
            if (renewed is null)
            {
                throw;
            }

            deleted = await writer.DeleteAsync(renewed, noteId, cancellationToken);
        }

        logger.LogInformation("Summary note {NoteId} in {Crm}: {Outcome}.", noteId, crm, deleted ? "deleted" : "already gone");
        return deleted ? NoteDeletionOutcome.Deleted : NoteDeletionOutcome.NotFound;
    }
}
