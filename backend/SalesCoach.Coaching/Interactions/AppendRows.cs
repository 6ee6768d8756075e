using System.Data.Common;

namespace SalesCoach.Coaching.Interactions;

/// <summary>
/// The rows of a batch of appends (segments, tips, events), written by the group-commit writer. Plain ADO.NET with one
/// command per table: Dapper passes parameter names without their prefix, which makes Microsoft.Data.Sqlite look each
/// one up four times per row, and in the writer's loop that was a third of its time.
/// </summary>
internal static class AppendRows
{
    private const string Segments =
        """
        INSERT INTO coaching_segments (tenant_id, interaction_id, seq, speaker, text, start_ms, end_ms, signals, received_at)
        VALUES (@tenant_id, @interaction_id, @seq, @speaker, @text, @start_ms, @end_ms, @signals, @at)
        ON CONFLICT (tenant_id, interaction_id, seq) DO NOTHING
        """;

    private const string Tips =
        """
        INSERT INTO coaching_tips (tenant_id, interaction_id, id, kind, segment_seq, conversation_ms, body, created_at)
        VALUES (@tenant_id, @interaction_id, @id, @kind, @segment_seq, @conversation_ms, @body, @at)
        """;

    private const string Events =
        """
        INSERT INTO coaching_events (tenant_id, interaction_id, event_id, type, data, created_at)
        VALUES (@tenant_id, @interaction_id, @event_id, @type, @data, @at)
        """;

    /// <summary>Inserts every row of the batch in the given transaction; a segment seq already stored is an idempotent retry.</summary>
    public static void Write(DbConnection connection, DbTransaction transaction, IReadOnlyList<PendingAppend> appends)
    {
        Insert(connection, transaction, Segments, ["tenant_id", "interaction_id", "seq", "speaker", "text", "start_ms", "end_ms", "signals", "at"],
            appends.SelectMany(a => a.Segments.Select(s => new object[]
            {
                a.TenantId, a.InteractionId, s.Seq, s.Speaker, s.Text, s.StartMs, s.EndMs, s.SignalsJson, a.At,
            })));
        Insert(connection, transaction, Tips, ["tenant_id", "interaction_id", "id", "kind", "segment_seq", "conversation_ms", "body", "at"],
            appends.SelectMany(a => a.Tips.Select(t => new object[]
            {
                a.TenantId, a.InteractionId, t.Id, t.Kind, t.SegmentSeq, t.ConversationMs, t.Body, a.At,
            })));
        Insert(connection, transaction, Events, ["tenant_id", "interaction_id", "event_id", "type", "data", "at"],
            appends.SelectMany(a => a.Events.Select(e => new object[] { e.TenantId, e.InteractionId, e.Id, e.Type, e.Data, a.At })));
    }

    private static void Insert(DbConnection connection, DbTransaction transaction, string sql, string[] names, IEnumerable<object[]> rows)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var parameters = new DbParameter[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = "@" + names[i];
            command.Parameters.Add(parameters[i]);
        }

        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                parameters[i].Value = row[i];
            }

            command.ExecuteNonQuery();
        }
    }
}
