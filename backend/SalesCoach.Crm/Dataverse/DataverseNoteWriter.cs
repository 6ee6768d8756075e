using System.Security.Cryptography;
using System.Text;
using SalesCoach.Crm.WriteBack;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Crm.Dataverse;

/// <summary>
/// Writes the summary as a note (<c>annotation</c>) regarding the record. Its id is derived from the tenant and
/// interaction, and the write is an upsert (PATCH by id), so a repeat updates the same note and a retried
/// request cannot create a second one.
/// </summary>
public sealed class DataverseNoteWriter(DataverseClient client) : ICrmNoteWriter
{
    private const int MaxSubject = 500;

    // Logical name -> entity set name of the record types a note may be about.
    private static readonly Dictionary<string, string> EntitySets = new(StringComparer.Ordinal)
    {
        ["account"] = "accounts",
        ["contact"] = "contacts",
        ["opportunity"] = "opportunities",
        ["lead"] = "leads",
        ["incident"] = "incidents",
    };

    public string Crm => CrmKinds.Dynamics;

    /// <summary>Deletes the annotation (Dataverse deletes rows outright, unless the environment keeps deleted rows to restore).</summary>
    public async Task<bool> DeleteAsync(CrmTarget target, string noteId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(noteId, out var id))
        {
            throw new CrmException(Crm, CrmErrorKind.Invalid, null, "note_id", "Not a Dataverse annotation id.");
        }

        try
        {
            await client.DeleteAsync(Connection(target), "annotations", id, cancellationToken);
            return true;
        }
        catch (CrmException e) when (e.Kind == CrmErrorKind.NotFound)
        {
            return false;
        }
    }

    public async Task<WriteBackResult> WriteAsync(CrmTarget target, InteractionSummary summary, RenderedNote note, CancellationToken cancellationToken)
    {
        var connection = Connection(target);
        if (!EntitySets.TryGetValue(summary.RecordType, out var entitySet) || !Guid.TryParse(summary.RecordId, out var recordId))
        {
            throw new CrmException(Crm, CrmErrorKind.Invalid, null, "record", $"Notes cannot be attached to '{summary.RecordType}' '{summary.RecordId}'.");
        }

        var noteId = NoteId(summary.TenantId, summary.InteractionId);
        var created = await client.UpsertAsync(connection, "annotations", noteId, new Dictionary<string, object?>
        {
            ["subject"] = note.Title.Length > MaxSubject ? note.Title[..MaxSubject] : note.Title,
            ["notetext"] = note.PlainText,
            [$"objectid_{summary.RecordType}@odata.bind"] = $"/{entitySet}({recordId:D})",
        }, cancellationToken);
        return new WriteBackResult(created ? WriteBackOutcome.Created : WriteBackOutcome.Updated, noteId.ToString("D"));
    }

    private static DataverseConnection Connection(CrmTarget target) => new(
        target.InstanceUrl ?? throw new ArgumentException("A Dataverse target needs its environment URL.", nameof(target)), target.OrgId);

    /// <summary>The same interaction always maps to the same annotation id; different tenants never collide.</summary>
    public static Guid NoteId(string tenantId, string interactionId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"salescoach/annotation/{tenantId}/{interactionId}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}
