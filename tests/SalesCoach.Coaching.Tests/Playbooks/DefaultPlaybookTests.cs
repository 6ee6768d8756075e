using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Playbooks;

namespace SalesCoach.Coaching.Tests.Playbooks;

public class DefaultPlaybookTests
{
    [Fact]
    public void Load_DefaultPlaybook_IsValid() => Assert.Empty(PlaybookValidator.Validate(DefaultPlaybook.Load()));

    [Fact]
    public void Load_DefaultPlaybook_HasEveryKindInEveryLanguage()
    {
        var playbook = DefaultPlaybook.Load();
        foreach (var kind in TipKinds.All)
        {
            Assert.True(playbook.Tips.ContainsKey(kind), kind);
            foreach (var language in CoachingLanguages.All)
            {
                var text = playbook.Tips[kind].Text[language];
                Assert.False(string.IsNullOrWhiteSpace(text.Title), $"{kind}/{language}");
                Assert.False(string.IsNullOrWhiteSpace(text.Suggestion), $"{kind}/{language}");
            }
        }
    }

    [Fact]
    public void Validate_BadValues_ReportsEachField()
    {
        var playbook = DefaultPlaybook.Load();
        var bad = playbook with
        {
            Competitors = ["", new string('x', 101)],
            Thresholds = playbook.Thresholds with { TalkRatioMax = 5, PaceMin = 200 },
            Tips = new Dictionary<string, TipRule>(playbook.Tips)
            {
                ["made_up"] = playbook.Tips["pace"],
                ["pace"] = playbook.Tips["pace"] with { Severity = "loud", CooldownSeconds = -1 },
            },
        };

        var errors = PlaybookValidator.Validate(bad);

        Assert.Contains("competitors", errors.Keys);
        Assert.Contains("thresholds.talkRatioMax", errors.Keys);
        Assert.Contains("thresholds", errors.Keys);
        Assert.Contains("tips.made_up", errors.Keys);
        Assert.Contains("tips.pace.severity", errors.Keys);
        Assert.Contains("tips.pace.cooldownSeconds", errors.Keys);
    }

    [Fact]
    public void FromJson_RoundTrip_KeepsEverything()
    {
        var playbook = DefaultPlaybook.Load() with { Competitors = ["Acme CRM"] };

        var back = Playbook.FromJson(playbook.ToJson());

        Assert.Equal(playbook.ToJson(), back.ToJson());
    }
}
