using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using System.Globalization;
using System.Text.Json.Serialization;
using Dapper;
using SalesCoach.Api.Coaching.WriteBack;
using SalesCoach.Crm;
using SalesCoach.Crm.WriteBack;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Privacy;

/// <summary>
/// One summary note in a CRM, of an erased interaction, and what became of it: <c>deleted</c>, <c>notFound</c> (already
/// gone from the CRM) or <c>failed</c>, with the reason; a failed one is still there, to be removed by hand.
/// </summary>
public sealed record ErasedCrmNote(
    string Crm, string RecordType, string RecordId, string InteractionId, string NoteId, string Outcome,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null);

/// <summary>
/// Deletes, on an erasure that asks for it, the summary notes the write-back put into the CRMs for the erased
/// interactions. It runs after the erasure committed: our copy is gone whatever the CRMs answer, and each note is
/// reported, so one a CRM refused can be removed by hand. Only notes the write-back recorded are touched, by their id.
/// </summary>
internal sealed class CrmNoteErasure(SummaryNoteDeletion deletion, AuditLog audit, ILogger<CrmNoteErasure> logger)
{
    public const string Deleted = "deleted";
    public const string NotFound = "notFound";
    public const string Failed = "failed";

    /// <summary>A note as the write-back job recorded it, with the rep whose token wrote it (Salesforce).</summary>
    internal sealed record Note(string InteractionId, string Crm, string RecordType, string RecordId, string NoteId, string RepId);

    /// <summary>The notes written for the subject's interactions, read inside the erasure's transaction.</summary>
    public static async Task<List<Note>> FindAsync(
        DbConnection connection, DbTransaction transaction, string tenantId, Subject subject, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<Note>(new CommandDefinition(
            $"""
            SELECT w.interaction_id AS InteractionId, w.crm AS Crm, w.record_type AS RecordType, w.record_id AS RecordId,
                   w.note_id AS NoteId, i.rep_id AS RepId
            FROM coaching_writebacks w JOIN coaching_interactions i ON i.tenant_id = w.tenant_id AND i.id = w.interaction_id
            WHERE w.tenant_id = @tenantId AND i.{subject.InteractionColumn} = @id AND w.note_id IS NOT NULL
            ORDER BY w.interaction_id
            """, new { tenantId, id = subject.Id }, transaction, cancellationToken: cancellationToken))).AsList();

    /// <summary>Deletes each note in turn, whatever happens to the caller (the erasure has committed), and audits the counts.</summary>
    public async Task<List<ErasedCrmNote>> DeleteAsync(string tenantId, string erasureId, string actor, IReadOnlyList<Note> notes)
    {
        var results = new List<ErasedCrmNote>(notes.Count);
        foreach (var note in notes)
        {
            var (outcome, error) = await DeleteAsync(tenantId, note);
            results.Add(new ErasedCrmNote(note.Crm, note.RecordType, note.RecordId, note.InteractionId, note.NoteId, outcome, error));
        }

        string Count(string outcome) => results.Count(r => r.Outcome == outcome).ToString(CultureInfo.InvariantCulture);
        await audit.RecordAsync(tenantId, actor, "privacy.crm_notes_deleted",
            $"erasure={erasureId} deleted={Count(Deleted)} notFound={Count(NotFound)} failed={Count(Failed)}", CancellationToken.None);
        return results;
    }

    private async Task<(string Outcome, string? Error)> DeleteAsync(string tenantId, Note note)
    {
        try
        {
            return await deletion.DeleteAsync(tenantId, note.Crm, SummaryMapping.CrmUserId(note.Crm, note.RepId), note.NoteId, CancellationToken.None) switch
            {
                NoteDeletionOutcome.Deleted => (Deleted, null),
                NoteDeletionOutcome.NotFound => (NotFound, null),
                _ => (Failed, $"The tenant has no {note.Crm} connection any more."),
            };
        }
        catch (CrmException e)
        {
            logger.LogWarning("Deleting summary note {NoteId} in {Crm} failed: {Kind} {ErrorCode}.", note.NoteId, note.Crm, e.Kind, e.ErrorCode);
            var code = e.ErrorCode ?? e.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "no code";
            var reason = $"{e.Kind} ({code}): {e.Message}";
            return (Failed, reason.Length <= 500 ? reason : reason[..500]);
        }
        catch (Exception e) when (e is ArgumentException or ValidationException)
        {
            return (Failed, $"Not deletable as stored: {e.Message}");
        }
    }
}
