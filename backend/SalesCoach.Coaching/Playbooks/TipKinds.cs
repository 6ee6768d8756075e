using SalesCoach.Storage.Signals;

namespace SalesCoach.Coaching.Playbooks;

public static class TipKinds
{
    public const string TalkRatio = "talk_ratio";
    public const string Monologue = "monologue";
    public const string Questions = "questions";
    public const string FillerWords = "filler_words";
    public const string Pace = "pace";
    public const string NoNextStep = "no_next_step";

    public static readonly IReadOnlyList<string> MetricConditions = [TalkRatio, Monologue, Questions, FillerWords, Pace, NoNextStep];

    public static readonly IReadOnlyList<string> All = [.. SignalLabels.All, .. MetricConditions];
}

public static class TipSeverities
{
    public const string Info = "info";
    public const string Suggest = "suggest";
    public const string Warn = "warn";

    public static bool IsValid(string? severity) => severity is Info or Suggest or Warn;
}
