namespace SalesCoach.Coaching.Analytics;

/// <summary>
/// One rep over a period. Counts cover every interaction created in the period; the conversation averages
/// (talk share, monologue, questions, fillers, no next step) cover the completed ones, whose metrics the
/// summary fixed. An average is null when the rep completed none.
/// </summary>
public sealed record RepReport(
    string RepId,
    long Interactions,
    long Completed,
    double? AverageTalkShare,
    double? AverageLongestMonologueMs,
    double? QuestionsPerInteraction,
    double? FillerWordsPerMinute,
    long TipsShown,
    long TipsHelpful,
    long TipsNotHelpful,
    double? NoNextStepShare);

/// <summary>
/// One tip kind over a period: <c>interactions</c> that showed it, tips shown, votes, and
/// <c>helpfulRate</c> = helpful / (helpful + notHelpful), null without votes.
/// </summary>
public sealed record TipKindAdoption(
    string Kind, long Interactions, long Shown, long Helpful, long NotHelpful, double? HelpfulRate, long InteractionsWithHelpfulTip);

/// <summary>The same figures over all kinds; <c>interactions</c> counts every interaction in the period, with tips or not.</summary>
public sealed record AdoptionTotals(
    long Interactions, long Shown, long Helpful, long NotHelpful, double? HelpfulRate, long InteractionsWithHelpfulTip);

public sealed record AdoptionReport(IReadOnlyList<TipKindAdoption> Kinds, AdoptionTotals Totals);

/// <summary>A half-open period [From, To) of interaction creation times.</summary>
public sealed record AnalyticsPeriod(DateTimeOffset From, DateTimeOffset To);
