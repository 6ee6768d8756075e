using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Metrics;
using SalesCoach.Coaching.Playbooks;
using SalesCoach.Coaching.Signals;
using SalesCoach.Storage.Signals;

namespace SalesCoach.Coaching.Tips;

/// <summary>
/// Turns one segment's signals and the metrics after it into tips, applying the playbook
/// (enabled kinds, thresholds, wording, cooldowns). Pure apart from the cooldown state it is handed.
/// </summary>
public static class TipEngine
{
    /// <summary>Signals that only mean something when the customer says them.</summary>
    private static readonly HashSet<string> CustomerOnly =
    [
        SignalLabels.ObjectionPrice, SignalLabels.ObjectionTiming, SignalLabels.ObjectionAuthority,
        SignalLabels.ObjectionNeed, SignalLabels.ObjectionTrust, SignalLabels.BuyingSignal, SignalLabels.PricingQuestion,
    ];

    /// <summary>Whether a label means something from this speaker (objections and buying signals are the customer's).</summary>
    public static bool Counts(string label, string speaker) => speaker == Speakers.Customer || !CustomerOnly.Contains(label);

    public static List<Tip> Evaluate(
        Playbook playbook,
        string language,
        SegmentInput segment,
        IReadOnlyList<SignalScore> signals,
        ConversationMetrics metrics,
        TipCooldowns cooldowns,
        bool nextStepSeen)
    {
        var tips = new List<Tip>();
        var now = segment.EndMs;
        foreach (var signal in signals)
        {
            if (signal.Score >= playbook.Thresholds.SignalScore && Counts(signal.Label, segment.Speaker))
            {
                TryAdd(signal.Label);
            }
        }

        foreach (var kind in MetricConditionsMet(playbook.Thresholds, language, metrics, nextStepSeen))
        {
            TryAdd(kind);
        }

        return tips;

        void TryAdd(string kind)
        {
            if (!playbook.Tips.TryGetValue(kind, out var rule) || !rule.Enabled || cooldowns.IsCooling(kind, now, rule.CooldownSeconds))
            {
                return;
            }

            cooldowns.Fired(kind, now);
            tips.Add(Build(kind, rule, language, segment.Seq));
        }
    }

    public static IEnumerable<string> MetricConditionsMet(PlaybookThresholds t, string language, ConversationMetrics m, bool nextStepSeen)
    {
        var warm = m.DurationMs >= t.MetricsWarmupMs;
        if (warm && m.TalkShare.Rep > t.TalkRatioMax)
        {
            yield return TipKinds.TalkRatio;
        }

        if (m.CurrentMonologue.Speaker == Speakers.Rep && m.CurrentMonologue.Ms > t.MonologueMaxMs)
        {
            yield return TipKinds.Monologue;
        }

        if (m.DurationMs >= t.QuestionsCheckAfterMs && m.Questions.Rep < t.MinRepQuestions)
        {
            yield return TipKinds.Questions;
        }

        // Rates over less than the warm-up of the rep's own talk time are noise.
        var repWarm = m.TalkMs.Rep >= t.MetricsWarmupMs;
        if (repWarm && m.FillerWordsPerMinute.Rep > t.FillerWordsPerMinuteMax)
        {
            yield return TipKinds.FillerWords;
        }

        var (min, max) = language == "zh" ? (t.PaceMinZh, t.PaceMaxZh) : (t.PaceMin, t.PaceMax);
        if (repWarm && (m.WordsPerMinute.Rep > max || m.WordsPerMinute.Rep < min))
        {
            yield return TipKinds.Pace;
        }

        if (m.DurationMs >= t.NoNextStepAfterMs && !nextStepSeen)
        {
            yield return TipKinds.NoNextStep;
        }
    }

    public static Tip Build(string kind, TipRule rule, string language, long segmentSeq)
    {
        var (textLanguage, text) = rule.Text.TryGetValue(language, out var own)
            ? (language, own)
            : rule.Text.TryGetValue("en", out var english) ? ("en", english) : rule.Text.First() is var any ? (any.Key, any.Value) : default;
        var message = string.IsNullOrWhiteSpace(text.Suggestion) ? text.Message : $"{text.Message} {text.Suggestion}";
        return new Tip(Guid.NewGuid().ToString("N"), kind, text.Title, message, textLanguage, rule.Severity, segmentSeq, rule.ContentIds);
    }
}
