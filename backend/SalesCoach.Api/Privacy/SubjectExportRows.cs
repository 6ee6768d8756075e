using System.Text.Json;
using SalesCoach.Storage.Database;

namespace SalesCoach.Api.Privacy;

// The rows a subject export reads, as stored (times in Unix ms), and how the shared ones are written.

internal sealed record InteractionRow(
    string Id, string Crm, string RecordType, string RecordId, string RepId, string Language, string Channel, string Status,
    long? Consent, long? ConsentAt, long CreatedAt, long? CompletedAt);

internal sealed record SegmentRow(long Seq, string Speaker, string Text, long StartMs, long EndMs, string Signals, long ReceivedAt);

internal sealed record EngagementRow(string Id, string ContentId, string Type, string? InteractionId, string? RepId, string? RecordId, long At);

internal sealed record WriteBackRow(string Status, long Attempts, string? LastError, string? NoteId, long CreatedAt, long UpdatedAt);

internal sealed record ContentEventRow(string InteractionId, string ContentId, string Type, string? RepId, long At)
{
    public const string Select =
        "SELECT interaction_id AS InteractionId, content_id AS ContentId, type AS Type, rep_id AS RepId, at AS At FROM coaching_content_events WHERE tenant_id = @tenantId";

    public void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("interactionId", InteractionId);
        json.WriteString("contentId", ContentId);
        json.WriteString("type", Type);
        json.WriteString("repId", RepId);
        json.WriteString("at", UnixTime.FromUnixMs(At));
        json.WriteEndObject();
    }
}

internal sealed record TipFeedbackRow(string InteractionId, string TipId, string TipKind, string Type, string RepId, long At)
{
    public const string Select =
        """
        SELECT interaction_id AS InteractionId, tip_id AS TipId, tip_kind AS TipKind, type AS Type, rep_id AS RepId, at AS At
        FROM coaching_tip_feedback WHERE tenant_id = @tenantId
        """;

    public void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("interactionId", InteractionId);
        json.WriteString("tipId", TipId);
        json.WriteString("tipKind", TipKind);
        json.WriteString("type", Type);
        json.WriteString("repId", RepId);
        json.WriteString("at", UnixTime.FromUnixMs(At));
        json.WriteEndObject();
    }
}
