using System.Text.Json;
using Dapper;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Encryption;

namespace SalesCoach.Coaching.Interactions;

/// <summary>
/// Interactions, segments, tips and the event log. Every statement is scoped by tenant id. Segment text is sealed at
/// rest (<see cref="TranscriptSealing"/> says which columns are and why the others are not).
/// </summary>
public sealed class InteractionStore(SqlDatabase database, FieldProtector protector, TimeProvider time)
{
    // Appends go through one writer, which commits the appends of many interactions at once.
    private readonly GroupCommitWriter _writer = new(database);

    public async Task<Interaction> CreateAsync(string tenantId, NewInteraction request, CancellationToken cancellationToken = default)
    {
        var interaction = New(tenantId, request);
        await InsertAsync(interaction, cancellationToken);
        return interaction;
    }

    /// <summary>A new live interaction with a fresh id, not stored yet (<see cref="InsertAsync"/> stores it).</summary>
    public Interaction New(string tenantId, NewInteraction request)
    {
        var now = time.GetUtcNow();
        return new(tenantId, Guid.NewGuid().ToString("N"), request.Crm, request.RecordType, request.RecordId,
            request.RepId, request.Language, request.Channel, InteractionStatus.Live, now, null, request.Consent, request.Consent is null ? null : now);
    }

    public async Task InsertAsync(Interaction interaction, CancellationToken cancellationToken = default)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO coaching_interactions (tenant_id, id, crm, record_type, record_id, rep_id, language, channel, status, created_at, consent, consent_at)
            VALUES (@TenantId, @Id, @Crm, @RecordType, @RecordId, @RepId, @Language, @Channel, @Status, @at, @consent, @consentAt)
            """,
            new
            {
                interaction.TenantId, interaction.Id, interaction.Crm, interaction.RecordType, interaction.RecordId,
                interaction.RepId, interaction.Language, interaction.Channel, interaction.Status, at = interaction.CreatedAt.ToUnixMs(),
                consent = ConsentValue(interaction.Consent), consentAt = interaction.ConsentAt?.ToUnixMs(),
            }, cancellationToken: cancellationToken));
    }

    public async Task<Interaction?> FindAsync(string tenantId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<InteractionRow>(new CommandDefinition(
            """
            SELECT tenant_id AS TenantId, id AS Id, crm AS Crm, record_type AS RecordType, record_id AS RecordId, rep_id AS RepId,
                   language AS Language, channel AS Channel, status AS Status, created_at AS CreatedAt, completed_at AS CompletedAt,
                   consent AS Consent, consent_at AS ConsentAt
            FROM coaching_interactions WHERE tenant_id = @tenantId AND id = @id
            """, new { tenantId, id }, cancellationToken: cancellationToken));
        return row?.ToInteraction();
    }

    /// <summary>Records the customer's consent (or its refusal) on a live interaction; false when there is no such live interaction.</summary>
    /// <summary>
    /// Records the customer's consent on a live interaction and, in the same transaction, its <c>consent</c> event with id
    /// <paramref name="eventId"/> (so open streams and a <c>Last-Event-ID</c> resume see the change). Returns that event,
    /// or null when the interaction is not live (completed or deleted). A clash on the event id (another replica appended
    /// first) throws a constraint violation and writes nothing.
    /// </summary>
    public async Task<InteractionEvent?> RecordConsentAsync(
        string tenantId, string id, bool consent, long eventId, CancellationToken cancellationToken = default)
    {
        // Milliseconds, as stored: the event and a later read of the interaction show the same instant.
        var at = UnixTime.FromUnixMs(time.GetUtcNow().ToUnixMs());
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE coaching_interactions SET consent = @consent, consent_at = @at
            WHERE tenant_id = @tenantId AND id = @id AND status = 'live'
            """, new { tenantId, id, consent = ConsentValue(consent), at = at.ToUnixMs() }, transaction, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            return null;
        }

        var e = new InteractionEvent(tenantId, id, eventId, InteractionEventTypes.Consent,
            JsonSerializer.Serialize(new ConsentEvent(consent, at), CoachingJson.Options));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO coaching_events (tenant_id, interaction_id, event_id, type, data, created_at)
            VALUES (@TenantId, @InteractionId, @Id, @Type, @Data, @at)
            """, new { e.TenantId, e.InteractionId, e.Id, e.Type, e.Data, at = at.ToUnixMs() }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return e;
    }

    public async Task<List<StoredSegment>> LoadSegmentsAsync(string tenantId, string interactionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredSegment>(new CommandDefinition(
            """
            SELECT seq AS Seq, speaker AS Speaker, text AS Text, start_ms AS StartMs, end_ms AS EndMs, signals AS SignalsJson
            FROM coaching_segments WHERE tenant_id = @tenantId AND interaction_id = @interactionId ORDER BY seq
            """, new { tenantId, interactionId }, cancellationToken: cancellationToken));
        return rows.Select(s => s with { Text = protector.OpenTranscript(s.Text, tenantId) }).ToList();
    }

    /// <summary>What a live interaction needs after a restart: when each tip kind last fired, and the last event id.</summary>
    public async Task<(Dictionary<string, long> LastTipMs, long LastEventId)> LoadLiveStateAsync(
        string tenantId, string interactionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var tips = await connection.QueryAsync<(string Kind, long Ms)>(new CommandDefinition(
            """
            SELECT kind, MAX(conversation_ms) FROM coaching_tips
            WHERE tenant_id = @tenantId AND interaction_id = @interactionId GROUP BY kind
            """, new { tenantId, interactionId }, cancellationToken: cancellationToken));
        var lastEvent = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MAX(event_id) FROM coaching_events WHERE tenant_id = @tenantId AND interaction_id = @interactionId",
            new { tenantId, interactionId }, cancellationToken: cancellationToken));
        return (tips.ToDictionary(t => t.Kind, t => t.Ms), lastEvent ?? 0);
    }

    /// <summary>
    /// Writes one append (segments, tips, events) atomically: all of it or none. It is committed together with the
    /// appends of other interactions that are waiting at the same time (<see cref="GroupCommitWriter"/>) and returns
    /// once that commit is durable.
    /// </summary>
    /// <returns>False when the interaction no longer exists (erased or purged, perhaps by another replica): nothing was written.</returns>
    public Task<bool> SaveAppendAsync(
        string tenantId, string interactionId, IReadOnlyList<StoredSegment> segments, IReadOnlyList<StoredTip> tips,
        IReadOnlyList<InteractionEvent> events, CancellationToken cancellationToken = default)
    {
        // Sealed here, on the caller's thread, so the one writer spends its time writing.
        var sealedSegments = segments.Select(s => s with { Text = protector.SealTranscript(s.Text, tenantId) }).ToList();
        return _writer.WriteAsync(new PendingAppend(
            tenantId, interactionId, sealedSegments, tips, events, time.GetUtcNow().ToUnixMs(), cancellationToken));
    }

    /// <summary>Appends events that come from outside the segment pipeline, through the same writer; false as <see cref="SaveAppendAsync"/>.</summary>
    public Task<bool> AppendEventsAsync(IReadOnlyList<InteractionEvent> events, CancellationToken cancellationToken = default) =>
        events.Count == 0
            ? Task.FromResult(true)
            : _writer.WriteAsync(new PendingAppend(
                events[0].TenantId, events[0].InteractionId, [], [], events, time.GetUtcNow().ToUnixMs(), cancellationToken));

    /// <summary>Transactions the append writer has committed (each holds one or more appends).</summary>
    internal long AppendCommits => _writer.Commits;

    public async Task<List<InteractionEvent>> ReadEventsAsync(
        string tenantId, string interactionId, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<InteractionEvent>(new CommandDefinition(
            """
            SELECT tenant_id AS TenantId, interaction_id AS InteractionId, event_id AS Id, type AS Type, data AS Data
            FROM coaching_events WHERE tenant_id = @tenantId AND interaction_id = @interactionId AND event_id > @afterId
            ORDER BY event_id LIMIT @limit
            """, new { tenantId, interactionId, afterId, limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<List<string>> ReadTipsAsync(string tenantId, string interactionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT body FROM coaching_tips WHERE tenant_id = @tenantId AND interaction_id = @interactionId ORDER BY segment_seq, created_at",
            new { tenantId, interactionId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Consent as stored: 1 given, 0 refused, NULL not recorded.</summary>
    private static long? ConsentValue(bool? consent) => consent is { } given ? (given ? 1 : 0) : null;

    private sealed record InteractionRow(
        string TenantId, string Id, string Crm, string RecordType, string RecordId, string RepId,
        string Language, string Channel, string Status, long CreatedAt, long? CompletedAt, long? Consent, long? ConsentAt)
    {
        public Interaction ToInteraction() => new(TenantId, Id, Crm, RecordType, RecordId, RepId, Language, Channel, Status,
            UnixTime.FromUnixMs(CreatedAt), CompletedAt is { } done ? UnixTime.FromUnixMs(done) : null,
            Consent is { } given ? given != 0 : null, ConsentAt is { } at ? UnixTime.FromUnixMs(at) : null);
    }
}

/// <summary>A tip as stored: its JSON body, plus the conversation time its cooldown counts from.</summary>
public sealed record StoredTip(string Id, string Kind, long SegmentSeq, long ConversationMs, string Body);
