namespace SalesCoach.Coaching.Interactions;

public static class InteractionStatus
{
    public const string Live = "live";
    public const string Completed = "completed";
}

public static class Channels
{
    public static readonly IReadOnlyList<string> All = ["call", "meeting", "chat", "email"];
}

public sealed record Interaction(
    string TenantId,
    string Id,
    string Crm,
    string RecordType,
    string RecordId,
    string RepId,
    string Language,
    string Channel,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    bool? Consent = null,
    DateTimeOffset? ConsentAt = null);

/// <param name="Consent">Whether the customer consented to recording and coaching: true, false (refused), or null (not asked yet).</param>
public sealed record NewInteraction(
    string Crm, string RecordType, string RecordId, string RepId, string Language, string Channel, bool? Consent = null);

/// <summary>A stored segment: text already redacted, signals as the classifier and rules saw them.</summary>
public sealed record StoredSegment(long Seq, string Speaker, string Text, long StartMs, long EndMs, string SignalsJson);

/// <summary>The data of a <c>consent</c> event: the answer now recorded and when.</summary>
public sealed record ConsentEvent(bool Consent, DateTimeOffset ConsentAt);

/// <summary>One entry of an interaction's event log; <see cref="Id"/> is the SSE event id (1, 2, 3 ... per interaction).</summary>
public sealed record InteractionEvent(string TenantId, string InteractionId, long Id, string Type, string Data);

public static class InteractionEventTypes
{
    public const string Tip = "tip";
    public const string Metrics = "metrics";
    public const string Content = "content";

    /// <summary>The customer's consent was recorded or withdrawn during the call: <c>{consent, consentAt}</c>.</summary>
    public const string Consent = "consent";

    /// <summary>Internal only: tells open streams the interaction completed (or was deleted); never written to a client.</summary>
    public const string Completed = "completed";

    /// <summary>
    /// Internal only: the stored interaction changed outside an append (its consent), so replicas holding its live state
    /// drop it and read it again; never written to a client or to the log.
    /// </summary>
    public const string Changed = "changed";
}
