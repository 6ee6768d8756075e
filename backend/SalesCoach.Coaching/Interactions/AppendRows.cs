using System.Data;
using System.Data.Common;
using SalesCoach.Storage.Database;

namespace SalesCoach.Coaching.Interactions;

/// <summary>
/// The group-commit writer's connection and its prepared statements (the interaction check, then the inserts of
/// segments, tips and events), kept from one commit to the next: opening a connection (and, on SQLite, setting its
/// pragmas) and compiling the statements cost more than writing a small batch. Plain ADO.NET: Dapper passes parameter
/// names without their prefix, which makes Microsoft.Data.Sqlite look each one up four times per row. Used by one
/// thread at a time.
/// </summary>
/// <remarks>
/// Rows are only written for an interaction that exists in the same transaction, so an append can never outlive an
/// erasure or purge that deleted its interaction, whichever replica made it. On PostgreSQL the check (one statement per
/// batch) takes a key-share lock on the interactions' rows: a deletion that locked a row first (<c>InteractionDeletion</c>
/// locks before it deletes) makes the check wait and then find nothing; one that comes second waits for this commit and
/// then deletes what it wrote. On SQLite the transaction holds the one write lock from its first statement (BEGIN IMMEDIATE).
/// </remarks>
internal sealed class AppendRows(SqlDatabase database) : IDisposable
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

    private const string Exists = "SELECT 1 FROM coaching_interactions WHERE tenant_id = @tenant_id AND id = @interaction_id";

    // PostgreSQL: the whole batch's interactions in one round trip, locked in (tenant, id) order, which is the order
    // deletions lock them in, so a batch and a deletion cannot deadlock.
    private const string ExistingLocked =
        """
        SELECT i.tenant_id, i.id FROM coaching_interactions i
        JOIN unnest(@tenant_ids, @interaction_ids) AS k(tenant_id, id) ON i.tenant_id = k.tenant_id AND i.id = k.id
        ORDER BY i.tenant_id COLLATE "C", i.id COLLATE "C"
        FOR KEY SHARE OF i
        """;

    private DbConnection? _connection;
    private Statement? _exists;
    private Statement? _segments;
    private Statement? _tips;
    private Statement? _events;

    /// <summary>
    /// Inserts every row of the batch in one transaction and commits it; a segment seq already stored is an idempotent
    /// retry. Opens the connection first if it is closed.
    /// </summary>
    /// <returns>The interactions (tenant id, interaction id) that no longer exist: nothing of their appends was written.</returns>
    public HashSet<(string TenantId, string InteractionId)> Write(IReadOnlyList<PendingAppend> appends)
    {
        if (_connection is null)
        {
            Open();
        }

        using var transaction = _connection!.BeginTransaction();
        var gone = Gone(transaction, appends);
        appends = gone.Count == 0 ? appends : [.. appends.Where(a => !gone.Contains((a.TenantId, a.InteractionId)))];
        foreach (var a in appends)
        {
            foreach (var s in a.Segments)
            {
                _segments!.Execute(transaction, a.TenantId, a.InteractionId, s.Seq, s.Speaker, s.Text, s.StartMs, s.EndMs, s.SignalsJson, a.At);
            }
        }

        foreach (var a in appends)
        {
            foreach (var t in a.Tips)
            {
                _tips!.Execute(transaction, a.TenantId, a.InteractionId, t.Id, t.Kind, t.SegmentSeq, t.ConversationMs, t.Body, a.At);
            }
        }

        foreach (var a in appends)
        {
            foreach (var e in a.Events)
            {
                _events!.Execute(transaction, e.TenantId, e.InteractionId, e.Id, e.Type, e.Data, a.At);
            }
        }

        transaction.Commit();
        return gone;
    }

    /// <summary>The batch's interactions that do not exist (any more); on PostgreSQL the others are key-share locked until the commit.</summary>
    private HashSet<(string TenantId, string InteractionId)> Gone(DbTransaction transaction, IReadOnlyList<PendingAppend> appends)
    {
        var gone = appends.Select(a => (a.TenantId, a.InteractionId)).ToHashSet();
        if (!database.IsPostgres)
        {
            // In process, one prepared lookup per interaction costs microseconds; the transaction already holds the write lock.
            gone.RemoveWhere(key => _exists!.Scalar(transaction, key.TenantId, key.InteractionId) is not null);
            return gone;
        }

        using var command = _connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = ExistingLocked;
        foreach (var (name, values) in new[] { ("@tenant_ids", gone.Select(k => k.TenantId)), ("@interaction_ids", gone.Select(k => k.InteractionId)) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = values.ToArray();
            command.Parameters.Add(parameter);
        }

        using var existing = command.ExecuteReader();
        while (existing.Read())
        {
            gone.Remove((existing.GetString(0), existing.GetString(1)));
        }

        return gone;
    }

    /// <summary>Closes the connection (after an error, or when the writer goes idle); the next write opens a new one.</summary>
    public void Close()
    {
        _exists?.Dispose();
        _segments?.Dispose();
        _tips?.Dispose();
        _events?.Dispose();
        _connection?.Dispose();
        (_exists, _segments, _tips, _events, _connection) = (null, null, null, null, null);
    }

    public void Dispose() => Close();

    private void Open()
    {
        _connection = database.Open();
        try
        {
            const DbType Text = DbType.String;
            const DbType Number = DbType.Int64;
            _exists = database.IsPostgres ? null : new Statement(_connection, Exists, [("tenant_id", Text), ("interaction_id", Text)]);
            _segments = new Statement(_connection, Segments, [("tenant_id", Text), ("interaction_id", Text), ("seq", Number), ("speaker", Text),
                ("text", Text), ("start_ms", Number), ("end_ms", Number), ("signals", Text), ("at", Number)]);
            _tips = new Statement(_connection, Tips, [("tenant_id", Text), ("interaction_id", Text), ("id", Text), ("kind", Text),
                ("segment_seq", Number), ("conversation_ms", Number), ("body", Text), ("at", Number)]);
            _events = new Statement(_connection, Events, [("tenant_id", Text), ("interaction_id", Text), ("event_id", Number), ("type", Text),
                ("data", Text), ("at", Number)]);
        }
        catch
        {
            Close();
            throw;
        }
    }

    /// <summary>One prepared statement; its parameters are typed up front so that both providers can prepare it before any value is set.</summary>
    private sealed class Statement : IDisposable
    {
        private readonly DbCommand _command;
        private readonly DbParameter[] _parameters;

        public Statement(DbConnection connection, string sql, (string Name, DbType Type)[] parameters)
        {
            _command = connection.CreateCommand();
            _command.CommandText = sql;
            _parameters = new DbParameter[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                var parameter = _parameters[i] = _command.CreateParameter();
                parameter.ParameterName = "@" + parameters[i].Name;
                parameter.DbType = parameters[i].Type;
                _command.Parameters.Add(parameter);
            }

            _command.Prepare();
        }

        public void Execute(DbTransaction transaction, params ReadOnlySpan<object> values)
        {
            Bind(transaction, values);
            _command.ExecuteNonQuery();
        }

        /// <summary>The first column of the first row, or null when there is no row.</summary>
        public object? Scalar(DbTransaction transaction, params ReadOnlySpan<object> values)
        {
            Bind(transaction, values);
            return _command.ExecuteScalar();
        }

        private void Bind(DbTransaction transaction, ReadOnlySpan<object> values)
        {
            _command.Transaction = transaction;
            for (var i = 0; i < values.Length; i++)
            {
                _parameters[i].Value = values[i];
            }
        }

        public void Dispose() => _command.Dispose();
    }
}
