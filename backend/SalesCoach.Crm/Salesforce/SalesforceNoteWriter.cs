using System.Globalization;
using SalesCoach.Crm.WriteBack;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Crm.Salesforce;

/// <summary>
/// Writes the summary as a completed <c>Task</c> on the record. A Task (not ContentNote) because it is one
/// call, shows in the record's activity timeline, and its Subject is filterable in SOQL, which is how a repeat
/// write-back finds the earlier note; a ContentNote needs a second call (ContentDocumentLink) that can fail
/// half-way and its body cannot be queried.
/// </summary>
public sealed class SalesforceNoteWriter(SalesforceClient client) : ICrmNoteWriter
{
    private const int MaxDescription = 32_000;

    public string Crm => CrmKinds.Salesforce;

    /// <summary>The Task goes to the org's Recycle Bin (as any record Salesforce deletes); one already there answers NotFound.</summary>
    public async Task<bool> DeleteAsync(CrmTarget target, string noteId, CancellationToken cancellationToken)
    {
        try
        {
            await client.DeleteRecordAsync(Connection(target), "Task", noteId, cancellationToken);
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
        var recordId = SalesforceClient.CheckId(summary.RecordId);
        // Contacts and leads are people (WhoId); everything else is the "related to" object (WhatId).
        var relation = summary.RecordType is "Contact" or "Lead" ? "WhoId" : "WhatId";
        var marker = SummaryNoteRenderer.Marker(summary.InteractionId);
        var description = note.PlainText.Length > MaxDescription ? note.PlainText[..MaxDescription] : note.PlainText;

        var existing = await client.QueryAsync(connection,
            $"SELECT Id, Subject, Description FROM Task WHERE {relation} = '{recordId}' AND Subject LIKE '%{SalesforceClient.EscapeSoql(marker)}%'",
            cancellationToken);
        var mine = existing.FirstOrDefault(r => r.GetProperty("Subject").GetString()?.Contains(marker, StringComparison.Ordinal) == true);
        if (mine.ValueKind != System.Text.Json.JsonValueKind.Undefined)
        {
            var id = mine.GetProperty("Id").GetString()!;
            if (mine.GetProperty("Subject").GetString() == note.Title && mine.GetProperty("Description").GetString() == description)
            {
                return new WriteBackResult(WriteBackOutcome.Unchanged, id);
            }

            await client.UpdateRecordAsync(connection, "Task", id,
                new Dictionary<string, object?> { ["Subject"] = note.Title, ["Description"] = description }, cancellationToken);
            return new WriteBackResult(WriteBackOutcome.Updated, id);
        }

        var created = await client.CreateRecordAsync(connection, "Task", new Dictionary<string, object?>
        {
            ["Subject"] = note.Title,
            ["Description"] = description,
            [relation] = recordId,
            ["Status"] = "Completed",
            ["ActivityDate"] = summary.StartedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, cancellationToken);
        return new WriteBackResult(WriteBackOutcome.Created, created);
    }

    private SalesforceConnection Connection(CrmTarget target) => new(
        target.InstanceUrl ?? throw new ArgumentException("A Salesforce target needs its instance URL.", nameof(target)),
        target.AccessToken ?? throw new CrmException(Crm, CrmErrorKind.SessionExpired, null, "no_token", "No Salesforce token for this tenant."));
}
