using SalesCoach.Coaching.Interactions;

namespace SalesCoach.Coaching.Playbooks;

/// <summary>Checks a playbook a tenant sends; answers field -> errors, the shape of a validation problem.</summary>
public static class PlaybookValidator
{
    public const int MaxNames = 200;
    public const int MaxNameLength = 100;
    public const int MaxContentIds = 20;
    public const int MaxTitleLength = 120;
    public const int MaxMessageLength = 500;

    public static Dictionary<string, string[]> Validate(Playbook playbook)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        CheckNames(playbook.Competitors, "competitors", Fail);
        CheckNames(playbook.Products, "products", Fail);

        var t = playbook.Thresholds;
        if (t is null)
        {
            Fail("thresholds", "Thresholds are required.");
        }
        else
        {
            Range(t.SignalScore, 0.05, 0.99, "thresholds.signalScore", Fail);
            Range(t.TalkRatioMax, 0.3, 1.0, "thresholds.talkRatioMax", Fail);
            Range(t.MonologueMaxMs, 10_000, 1_800_000, "thresholds.monologueMaxMs", Fail);
            Range(t.MinRepQuestions, 0, 100, "thresholds.minRepQuestions", Fail);
            Range(t.QuestionsCheckAfterMs, 0, 7_200_000, "thresholds.questionsCheckAfterMs", Fail);
            Range(t.FillerWordsPerMinuteMax, 0.5, 100, "thresholds.fillerWordsPerMinuteMax", Fail);
            Range(t.PaceMin, 10, 1000, "thresholds.paceMin", Fail);
            Range(t.PaceMax, 10, 1000, "thresholds.paceMax", Fail);
            Range(t.PaceMinZh, 10, 1000, "thresholds.paceMinZh", Fail);
            Range(t.PaceMaxZh, 10, 1000, "thresholds.paceMaxZh", Fail);
            Range(t.MetricsWarmupMs, 0, 3_600_000, "thresholds.metricsWarmupMs", Fail);
            Range(t.NoNextStepAfterMs, 60_000, 14_400_000, "thresholds.noNextStepAfterMs", Fail);
            Range(t.ObjectionAnswerTurns, 1, 20, "thresholds.objectionAnswerTurns", Fail);
            if (t.PaceMin >= t.PaceMax || t.PaceMinZh >= t.PaceMaxZh)
            {
                Fail("thresholds", "Each pace minimum must be below its maximum.");
            }
        }

        if (playbook.Tips is null)
        {
            Fail("tips", "Tips are required.");
            return errors;
        }

        foreach (var kind in playbook.Tips.Keys.Where(k => !TipKinds.All.Contains(k)))
        {
            Fail($"tips.{kind}", $"Unknown tip kind; use one of: {string.Join(", ", TipKinds.All)}.");
        }

        foreach (var kind in TipKinds.All.Where(k => !playbook.Tips.ContainsKey(k)))
        {
            Fail($"tips.{kind}", "Every tip kind needs a rule (set enabled false to switch it off).");
        }

        foreach (var (kind, rule) in playbook.Tips.Where(p => TipKinds.All.Contains(p.Key)))
        {
            CheckRule(kind, rule, Fail);
        }

        return errors;
    }

    private static void CheckRule(string kind, TipRule? rule, Action<string, string> fail)
    {
        var at = $"tips.{kind}";
        if (rule is null)
        {
            fail(at, "The rule is empty.");
            return;
        }

        Range(rule.CooldownSeconds, 0, 86_400, $"{at}.cooldownSeconds", fail);
        if (!TipSeverities.IsValid(rule.Severity))
        {
            fail($"{at}.severity", "Use info, suggest or warn.");
        }

        if (rule.ContentIds is null || rule.ContentIds.Count > MaxContentIds || rule.ContentIds.Any(id => string.IsNullOrWhiteSpace(id) || id.Length > 64))
        {
            fail($"{at}.contentIds", $"At most {MaxContentIds} content ids of 1-64 characters.");
        }

        if (rule.Text is null || rule.Text.Count == 0)
        {
            fail($"{at}.text", "Wording is needed in at least one language.");
            return;
        }

        foreach (var (language, text) in rule.Text)
        {
            if (!CoachingLanguages.IsSupported(language))
            {
                fail($"{at}.text.{language}", "Languages are en, es, fr, de, zh.");
            }
            else if (text is null || Bad(text.Title, MaxTitleLength) || Bad(text.Message, MaxMessageLength) || (text.Suggestion?.Length ?? 0) > MaxMessageLength)
            {
                fail($"{at}.text.{language}", $"A title (1-{MaxTitleLength} characters), a message (1-{MaxMessageLength}) and an optional suggestion (up to {MaxMessageLength}).");
            }
        }
    }

    private static bool Bad(string? value, int max) => string.IsNullOrWhiteSpace(value) || value.Length > max;

    private static void CheckNames(IReadOnlyList<string>? names, string field, Action<string, string> fail)
    {
        if (names is null)
        {
            fail(field, "Required (may be empty).");
        }
        else if (names.Count > MaxNames || names.Any(n => string.IsNullOrWhiteSpace(n) || n.Length > MaxNameLength))
        {
            fail(field, $"At most {MaxNames} names of 1-{MaxNameLength} characters.");
        }
    }

    private static void Range(double value, double min, double max, string field, Action<string, string> fail)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            fail(field, $"Must be between {min} and {max}.");
        }
    }
}
