namespace SalesCoach.Coaching.Summaries;

/// <summary>
/// The codes of the summary's sentences (<see cref="InteractionSummary.SummaryDetails"/> and
/// <see cref="InteractionSummary.WarningDetails"/>); stable across languages and releases.
/// </summary>
public static class SummaryPhraseCodes
{
    /// <summary>Params: <c>durationMs</c>, <c>segments</c>.</summary>
    public const string Overview = "overview";

    /// <summary>Params: <c>repTalkShare</c> (0..1), <c>repQuestions</c>, <c>customerQuestions</c>.</summary>
    public const string Talk = "talk";

    /// <summary>Params: <c>count</c>, <c>handled</c>, <c>labels</c> (comma-separated signal labels).</summary>
    public const string Objections = "objections";

    /// <summary>Params: <c>count</c>.</summary>
    public const string BuyingSignals = "buying_signals";

    /// <summary>Params: <c>seq</c>, <c>text</c> (the last next step said).</summary>
    public const string NextStep = "next_step";

    /// <summary>No params; also a warning.</summary>
    public const string NoNextStep = "no_next_step";

    /// <summary>A warning. Params: <c>count</c>.</summary>
    public const string ObjectionsNotHandled = "objections_not_handled";
}
