using System.Data.Common;
using System.Text.Json;
using Dapper;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Encryption;

namespace SalesCoach.Api.Privacy;

/// <summary>
/// Everything the tenant holds about a data subject, as one JSON document written as it is read: interaction by
/// interaction (transcripts opened, summaries, tips, the event log, content use, tip votes, the CRM write-back), then the
/// rows naming the subject elsewhere. All reads see one snapshot, so a concurrent append or erasure cannot tear it.
/// </summary>
internal sealed class SubjectExport(SqlDatabase database, FieldProtector protector, TimeProvider time)
{
    public async Task WriteAsync(Stream output, string tenantId, Subject subject, string exportId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var snapshot = await SqlDatabase.BeginSnapshotAsync(connection, cancellationToken);
        var reader = new Reader(connection, snapshot, tenantId, cancellationToken);
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });

        json.WriteStartObject();
        json.WriteString("exportId", exportId);
        json.WriteString("tenantId", tenantId);
        json.WriteString("exportedAt", time.GetUtcNow());
        json.WriteStartObject("subject");
        json.WriteString(subject.Kind == Subject.Record ? "recordId" : "repId", subject.Id);
        json.WriteEndObject();

        var subjectIds = $"SELECT id FROM coaching_interactions WHERE tenant_id = @tenantId AND {subject.InteractionColumn} = @subject";
        json.WriteStartArray("interactions");
        foreach (var interaction in await reader.RowsAsync<InteractionRow>(
            $"""
            SELECT id AS Id, crm AS Crm, record_type AS RecordType, record_id AS RecordId, rep_id AS RepId, language AS Language,
                   channel AS Channel, status AS Status, consent AS Consent, consent_at AS ConsentAt, created_at AS CreatedAt, completed_at AS CompletedAt
            FROM coaching_interactions WHERE tenant_id = @tenantId AND {subject.InteractionColumn} = @subject ORDER BY created_at, id
            """, new { subject = subject.Id }))
        {
            await WriteInteractionAsync(json, reader, tenantId, interaction);
            await json.FlushAsync(cancellationToken);
        }

        json.WriteEndArray();

        json.WriteStartArray("engagementEvents");
        foreach (var e in await reader.RowsAsync<EngagementRow>(
            $"""
            SELECT id AS Id, content_id AS ContentId, type AS Type, interaction_id AS InteractionId, rep_id AS RepId, record_id AS RecordId, at AS At
            FROM content_events WHERE tenant_id = @tenantId
              AND ({(subject.Kind == Subject.Record ? "record_id" : "rep_id")} = @subject OR interaction_id IN ({subjectIds}))
            ORDER BY at, id
            """, new { subject = subject.Id }))
        {
            json.WriteStartObject();
            json.WriteString("id", e.Id);
            json.WriteString("contentId", e.ContentId);
            json.WriteString("type", e.Type);
            json.WriteString("interactionId", e.InteractionId);
            json.WriteString("repId", e.RepId);
            json.WriteString("recordId", e.RecordId);
            json.WriteString("at", UnixTime.FromUnixMs(e.At));
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("dealOutcomes");
        if (subject.Kind == Subject.Record)
        {
            foreach (var d in await reader.RowsAsync<(string Outcome, long ClosedAt)>(
                "SELECT outcome, closed_at FROM deal_outcomes WHERE tenant_id = @tenantId AND record_id = @subject", new { subject = subject.Id }))
            {
                json.WriteStartObject();
                json.WriteString("recordId", subject.Id);
                json.WriteString("outcome", d.Outcome);
                json.WriteString("closedAt", UnixTime.FromUnixMs(d.ClosedAt));
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();

        // A rep's votes and reported content use on interactions that are not theirs (their own are listed above).
        var others = subject.Kind == Subject.Rep ? $"rep_id = @subject AND interaction_id NOT IN ({subjectIds})" : "1 = 0";
        json.WriteStartArray("otherTipFeedback");
        foreach (var f in await reader.RowsAsync<TipFeedbackRow>($"{TipFeedbackRow.Select} AND {others} ORDER BY at", new { subject = subject.Id }))
        {
            f.Write(json);
        }

        json.WriteEndArray();
        json.WriteStartArray("otherContentEvents");
        foreach (var c in await reader.RowsAsync<ContentEventRow>($"{ContentEventRow.Select} AND {others} ORDER BY at", new { subject = subject.Id }))
        {
            c.Write(json);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        await snapshot.CommitAsync(cancellationToken);
    }

    private async Task WriteInteractionAsync(Utf8JsonWriter json, Reader reader, string tenantId, InteractionRow i)
    {
        var of = new { interactionId = i.Id };
        json.WriteStartObject();
        json.WriteString("id", i.Id);
        json.WriteString("crm", i.Crm);
        json.WriteString("recordType", i.RecordType);
        json.WriteString("recordId", i.RecordId);
        json.WriteString("repId", i.RepId);
        json.WriteString("language", i.Language);
        json.WriteString("channel", i.Channel);
        json.WriteString("status", i.Status);
        WriteNullable(json, "consent", i.Consent is { } given ? given != 0 : null);
        WriteTime(json, "consentAt", i.ConsentAt);
        WriteTime(json, "createdAt", i.CreatedAt);
        WriteTime(json, "completedAt", i.CompletedAt);

        json.WriteStartArray("segments");
        foreach (var s in await reader.RowsAsync<SegmentRow>(
            """
            SELECT seq AS Seq, speaker AS Speaker, text AS Text, start_ms AS StartMs, end_ms AS EndMs, signals AS Signals, received_at AS ReceivedAt
            FROM coaching_segments WHERE tenant_id = @tenantId AND interaction_id = @interactionId ORDER BY seq
            """, of))
        {
            json.WriteStartObject();
            json.WriteNumber("seq", s.Seq);
            json.WriteString("speaker", s.Speaker);
            json.WriteString("text", protector.OpenTranscript(s.Text, tenantId));
            json.WriteNumber("startMs", s.StartMs);
            json.WriteNumber("endMs", s.EndMs);
            json.WritePropertyName("signals");
            json.WriteRawValue(s.Signals);
            json.WriteString("receivedAt", UnixTime.FromUnixMs(s.ReceivedAt));
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("tips");
        foreach (var body in await reader.RowsAsync<string>(
            "SELECT body FROM coaching_tips WHERE tenant_id = @tenantId AND interaction_id = @interactionId ORDER BY segment_seq, created_at, id", of))
        {
            json.WriteRawValue(body);
        }

        json.WriteEndArray();

        json.WriteStartArray("events");
        foreach (var e in await reader.RowsAsync<(long Id, string Type, string Data, long CreatedAt)>(
            "SELECT event_id, type, data, created_at FROM coaching_events WHERE tenant_id = @tenantId AND interaction_id = @interactionId ORDER BY event_id",
            of))
        {
            json.WriteStartObject();
            json.WriteNumber("id", e.Id);
            json.WriteString("type", e.Type);
            json.WritePropertyName("data");
            json.WriteRawValue(e.Data);
            json.WriteString("at", UnixTime.FromUnixMs(e.CreatedAt));
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WritePropertyName("summary");
        var summary = (await reader.RowsAsync<string>(
            "SELECT body FROM coaching_summaries WHERE tenant_id = @tenantId AND interaction_id = @interactionId", of)).FirstOrDefault();
        if (summary is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteRawValue(protector.OpenTranscript(summary, tenantId));
        }

        json.WriteStartArray("contentEvents");
        foreach (var c in await reader.RowsAsync<ContentEventRow>($"{ContentEventRow.Select} AND interaction_id = @interactionId ORDER BY at", of))
        {
            c.Write(json);
        }

        json.WriteEndArray();

        json.WriteStartArray("tipFeedback");
        foreach (var f in await reader.RowsAsync<TipFeedbackRow>($"{TipFeedbackRow.Select} AND interaction_id = @interactionId ORDER BY at", of))
        {
            f.Write(json);
        }

        json.WriteEndArray();

        json.WritePropertyName("writeBack");
        var job = (await reader.RowsAsync<WriteBackRow>(
            """
            SELECT status AS Status, attempts AS Attempts, last_error AS LastError, note_id AS NoteId, created_at AS CreatedAt, updated_at AS UpdatedAt
            FROM coaching_writebacks WHERE tenant_id = @tenantId AND interaction_id = @interactionId
            """, of)).FirstOrDefault();
        if (job is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteStartObject();
            json.WriteString("status", job.Status);
            json.WriteNumber("attempts", job.Attempts);
            json.WriteString("lastError", job.LastError);
            // The note itself lives in the CRM; its id says where to find (and erase) it there.
            json.WriteString("noteId", job.NoteId);
            json.WriteString("createdAt", UnixTime.FromUnixMs(job.CreatedAt));
            json.WriteString("updatedAt", UnixTime.FromUnixMs(job.UpdatedAt));
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, bool? value)
    {
        if (value is { } v)
        {
            json.WriteBoolean(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteTime(Utf8JsonWriter json, string name, long? unixMs)
    {
        if (unixMs is { } ms)
        {
            json.WriteString(name, UnixTime.FromUnixMs(ms));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Queries inside the snapshot, always scoped by the tenant.</summary>
    private sealed class Reader(DbConnection connection, DbTransaction snapshot, string tenantId, CancellationToken cancellationToken)
    {
        public async Task<List<T>> RowsAsync<T>(string sql, object args)
        {
            var parameters = new DynamicParameters(args);
            parameters.Add("tenantId", tenantId);
            return (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, snapshot, cancellationToken: cancellationToken))).AsList();
        }
    }
}
