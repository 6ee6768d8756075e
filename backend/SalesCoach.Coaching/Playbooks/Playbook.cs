using System.Text.Json;
using System.Text.Json.Serialization;

namespace SalesCoach.Coaching.Playbooks;

/// <summary>A tenant's coaching rules: names the rules layer matches, thresholds, and one rule per tip kind.</summary>
public sealed record Playbook(
    IReadOnlyList<string> Competitors,
    IReadOnlyList<string> Products,
    PlaybookThresholds Thresholds,
    IReadOnlyDictionary<string, TipRule> Tips)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static Playbook FromJson(string json) =>
        JsonSerializer.Deserialize<Playbook>(json, Json) ?? throw new JsonException("The playbook is empty.");
}

/// <summary>
/// When metric tips fire. Pace is words per minute, except Chinese where it is characters
/// per minute (no word boundaries), hence its own pair of limits.
/// </summary>
public sealed record PlaybookThresholds(
    double SignalScore,
    double TalkRatioMax,
    long MonologueMaxMs,
    int MinRepQuestions,
    long QuestionsCheckAfterMs,
    double FillerWordsPerMinuteMax,
    double PaceMax,
    double PaceMin,
    double PaceMaxZh,
    double PaceMinZh,
    long MetricsWarmupMs,
    long NoNextStepAfterMs,
    int ObjectionAnswerTurns);

public sealed record TipRule(
    bool Enabled,
    int CooldownSeconds,
    string Severity,
    IReadOnlyList<string> ContentIds,
    IReadOnlyDictionary<string, TipText> Text);

/// <summary>What the rep reads. <see cref="Suggestion"/> is the answer or question to say next.</summary>
public sealed record TipText(string Title, string Message, string Suggestion);
