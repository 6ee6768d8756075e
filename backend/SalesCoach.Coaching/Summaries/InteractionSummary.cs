using SalesCoach.Coaching.Metrics;

namespace SalesCoach.Coaching.Summaries;

/// <summary>What completion answers and what a CRM write-back reads (<c>summary</c> is the human-readable text).</summary>
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
    DateTimeOffset CompletedAt);

public sealed record Utterance(long Seq, string Speaker, string Text, float Score);

public sealed record SignalSummary(string Label, int Count, IReadOnlyList<Utterance> Utterances);

/// <summary>
/// An objection and whether it was handled: the rep answered within the playbook's
/// <c>objectionAnswerTurns</c> and the customer did not raise it again in their next turns.
/// </summary>
public sealed record ObjectionOutcome(string Label, long Seq, string Text, bool Handled, long? AnsweredBySeq, long? RepeatedAtSeq);
