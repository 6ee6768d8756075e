using SalesCoach.Coaching.Signals;
using SalesCoach.Storage.Signals;

namespace SalesCoach.Coaching.Tests.Signals;

public class SignalRulesTests
{
    private readonly SignalRules _rules = new(["Acme CRM", "Globex", "纷享销客"]);

    [Theory]
    [InlineData("We already use Acme CRM for that", true)]
    [InlineData("globex quoted us less", true)]
    [InlineData("我们现在用的是纷享销客", true)]
    [InlineData("Acme is a word, CRM another", false)]
    [InlineData("Globexcorp is not them", false)]
    public void MentionsCompetitor_Names_MatchWholeWords(string text, bool expected) =>
        Assert.Equal(expected, _rules.MentionsCompetitor(text));

    [Fact]
    public void Apply_CompetitorNamed_AddsCertainCompetitorLabel()
    {
        var labels = _rules.Apply("Globex is cheaper", [new SignalScore(SignalLabels.ObjectionPrice, 0.8f), new SignalScore(SignalLabels.Competitor, 0.6f)]);

        Assert.Contains(new SignalScore(SignalLabels.Competitor, 1f), labels);
        Assert.Contains(new SignalScore(SignalLabels.ObjectionPrice, 0.8f), labels);
        Assert.Equal(2, labels.Count);
    }
}
