using SalesCoach.Coaching.Metrics;
using SalesCoach.Storage.Texts;

namespace SalesCoach.Coaching.Summaries;

/// <summary>
/// What completion answers and what a CRM write-back reads. <c>summary</c> and <c>warnings</c> are written in
/// <see cref="Language"/> (the interaction's language, English when it has none we write); <see cref="SummaryDetails"/> and
/// <see cref="WarningDetails"/> carry the same sentences with their codes. The last three are null in summaries
/// stored before they existed.
/// </summary>
public sealed record InteractionSummary(
    string InteractionId,
    string Summary,
    ConversationMetrics Metrics,
    IReadOnlyList<SignalSummary> Signals,
    IReadOnlyList<ObjectionOutcome> Objections,
    IReadOnlyList<Utterance> NextSteps,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> ContentUsed,
    IReadOnlyList<string> RecommendedContent,
    int TipCount,
    DateTimeOffset CompletedAt,
    string? Language = null,
    IReadOnlyList<LocalizedText>? SummaryDetails = null,
    IReadOnlyList<LocalizedText>? WarningDetails = null);

public sealed record Utterance(long Seq, string Speaker, string Text, float Score);

/// <param name="Name">The label as a rep reads it, in the summary's language.</param>
public sealed record SignalSummary(string Label, int Count, IReadOnlyList<Utterance> Utterances, string? Name = null);

/// <summary>
/// An objection and whether it was handled: the rep answered within the playbook's
/// <c>objectionAnswerTurns</c> and the customer did not raise it again in their next turns.
/// </summary>
/// <param name="Name">The label as a rep reads it, in the summary's language.</param>
public sealed record ObjectionOutcome(string Label, long Seq, string Text, bool Handled, long? AnsweredBySeq, long? RepeatedAtSeq, string? Name = null);
