using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Metrics;
using SalesCoach.Coaching.Playbooks;
using SalesCoach.Coaching.Signals;
using SalesCoach.Coaching.Tips;
using SalesCoach.Storage.Signals;

namespace SalesCoach.Coaching.Tests.Tips;

public class TipEngineTests
{
    private static readonly IReadOnlyList<SignalScore> Price = [new(SignalLabels.ObjectionPrice, 0.9f)];
    private static readonly ConversationMetrics Quiet = new MetricsTracker().Snapshot();

    private static SegmentInput Customer(long seq, long endMs) => new(seq, Speakers.Customer, "too expensive", endMs - 1000, endMs);

    [Fact]
    public void Evaluate_CustomerPriceObjection_RaisesTipInInteractionLanguage()
    {
        var tips = TipEngine.Evaluate(DefaultPlaybook.Load(), "es", Customer(4, 5000), Price, Quiet, new TipCooldowns(), false);

        var tip = Assert.Single(tips);
        Assert.Equal("objection_price", tip.Kind);
        Assert.Equal("es", tip.Language);
        Assert.Equal("Objeción de precio", tip.Title);
        Assert.Contains("¿Caro comparado con qué?", tip.Message);
        Assert.Equal("suggest", tip.Severity);
        Assert.Equal(4, tip.SegmentSeq);
    }

    [Fact]
    public void Evaluate_SameSignalWithinCooldown_DoesNotRepeat()
    {
        var playbook = DefaultPlaybook.Load(); // objection_price cooldown: 120 s
        var cooldowns = new TipCooldowns();

        var first = TipEngine.Evaluate(playbook, "en", Customer(1, 10_000), Price, Quiet, cooldowns, false);
        var within = TipEngine.Evaluate(playbook, "en", Customer(2, 129_000), Price, Quiet, cooldowns, false);
        var after = TipEngine.Evaluate(playbook, "en", Customer(3, 131_000), Price, Quiet, cooldowns, false);

        Assert.Single(first);
        Assert.Empty(within);
        Assert.Single(after);
    }

    [Fact]
    public void Evaluate_RepSaysObjectionWords_RaisesNothing()
    {
        var rep = new SegmentInput(1, Speakers.Rep, "some think it is too expensive", 0, 2000);

        Assert.Empty(TipEngine.Evaluate(DefaultPlaybook.Load(), "en", rep, Price, Quiet, new TipCooldowns(), false));
    }

    [Fact]
    public void Evaluate_DisabledKindOrLowScore_RaisesNothing()
    {
        var playbook = DefaultPlaybook.Load();
        var disabled = playbook with
        {
            Tips = playbook.Tips.ToDictionary(p => p.Key, p => p.Key == "objection_price" ? p.Value with { Enabled = false } : p.Value),
        };

        Assert.Empty(TipEngine.Evaluate(disabled, "en", Customer(1, 5000), Price, Quiet, new TipCooldowns(), false));
        Assert.Empty(TipEngine.Evaluate(playbook, "en", Customer(1, 5000), [new(SignalLabels.ObjectionPrice, 0.3f)], Quiet, new TipCooldowns(), false));
    }

    [Fact]
    public void MetricConditionsMet_RepDominatesLongCall_FlagsTalkRatioMonologueQuestionsAndNoNextStep()
    {
        var tracker = new MetricsTracker();
        tracker.Add(SegmentFacts.From(new(1, "customer", "Hello.", 0, 5_000), "Hello.", "en"));
        var talk = string.Join(' ', Enumerable.Repeat("word", 2_000)); // 2000 words in 1200 s: 100 wpm
        tracker.Add(SegmentFacts.From(new(2, "rep", talk, 5_000, 1_205_000), talk, "en"));

        var met = TipEngine.MetricConditionsMet(DefaultPlaybook.Load().Thresholds, "en", tracker.Snapshot(), nextStepSeen: false).ToList();

        Assert.Equal(["talk_ratio", "monologue", "questions", "no_next_step"], met);
    }

    [Fact]
    public void MetricConditionsMet_ChinesePace_UsesCharacterLimits()
    {
        var tracker = new MetricsTracker();
        var text = new string('好', 200); // 200 characters in 60 s: inside 140-300 for zh, above 175 for en
        tracker.Add(SegmentFacts.From(new(1, "rep", text, 0, 60_000), text, "zh"));
        var thresholds = DefaultPlaybook.Load().Thresholds;

        Assert.DoesNotContain("pace", TipEngine.MetricConditionsMet(thresholds, "zh", tracker.Snapshot(), true));
        Assert.Contains("pace", TipEngine.MetricConditionsMet(thresholds, "en", tracker.Snapshot(), true));
    }
}
