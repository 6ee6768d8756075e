using System.ComponentModel.DataAnnotations;

namespace SalesCoach.Crm.WriteBack;

/// <summary>
/// What the product writes back after a call, independent of any CRM. <see cref="RecordType"/> uses each CRM's
/// own name (Salesforce Opportunity/Account/Contact/Lead, Dataverse opportunity/account/contact/lead,
/// HubSpot deals/contacts/companies). <see cref="CrmUserId"/> is the rep's CRM user id, whose token a
/// Salesforce write-back uses.
/// </summary>
public sealed record InteractionSummary(
    [property: Required, RegularExpression("^[A-Za-z0-9_-]{1,64}$")] string TenantId,
    [property: Required, RegularExpression("^[A-Za-z0-9_-]{1,64}$")] string InteractionId,
    [property: Required] string Crm,
    [property: Required, StringLength(100)] string RecordType,
    [property: Required, StringLength(100)] string RecordId,
    [property: Required, StringLength(16)] string Language,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    SummaryMetrics Metrics,
    IReadOnlyList<SummarySignal> Signals,
    IReadOnlyList<SummaryObjection> Objections,
    IReadOnlyList<string> NextSteps,
    IReadOnlyList<SummaryContent> ContentUsed,
    [property: StringLength(100)] string? CrmUserId = null);

/// <param name="RepTalkShare">The rep's share of talk time, 0..1.</param>
public sealed record SummaryMetrics(double RepTalkShare, TimeSpan LongestMonologue, int QuestionsAsked, double WordsPerMinute);

/// <summary>A buying or risk signal (e.g. budget, timeline, competitor) and the utterances that raised it.</summary>
public sealed record SummarySignal(string Label, IReadOnlyList<string> Utterances);

public sealed record SummaryObjection(string Topic, bool Handled, string? Utterance);

public sealed record SummaryContent(string Title, string? Url);

/// <summary>What a write-back did: created a note, updated the note of an earlier write-back, or found it unchanged.</summary>
public enum WriteBackOutcome
{
    Created,
    Updated,
    Unchanged,
}

public sealed record WriteBackResult(WriteBackOutcome Outcome, string NoteId);
