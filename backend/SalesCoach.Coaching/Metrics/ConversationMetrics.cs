namespace SalesCoach.Coaching.Metrics;

/// <summary>A value per side of the conversation.</summary>
public sealed record PerSide<T>(T Rep, T Customer);

public sealed record Monologue(long Ms, string? Speaker);

/// <summary>
/// The <c>metrics</c> object of the API. Rates are per minute of that side's own talk time
/// (words and fillers) or of the whole conversation span (speaker switches).
/// </summary>
public sealed record ConversationMetrics(
    int Segments,
    long DurationMs,
    PerSide<long> TalkMs,
    PerSide<double> TalkShare,
    Monologue LongestMonologue,
    Monologue CurrentMonologue,
    PerSide<int> Questions,
    PerSide<double> WordsPerMinute,
    PerSide<double> FillerWordsPerMinute,
    PerSide<int> Interruptions,
    long PatienceMs,
    double SpeakerSwitchesPerMinute);
