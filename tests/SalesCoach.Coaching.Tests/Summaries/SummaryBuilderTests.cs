using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Playbooks;
using SalesCoach.Coaching.Summaries;

namespace SalesCoach.Coaching.Tests.Summaries;

public class SummaryBuilderTests
{
    private static readonly Interaction Call = new("t", "i", "hubspot", "deal", "1", "rep-1", "en", "call", "live", DateTimeOffset.UnixEpoch, null);

    private static StoredSegment Seg(long seq, string speaker, string text, string signals = "[]") =>
        new(seq, speaker, text, seq * 10_000, seq * 10_000 + 8_000, signals);

    private const string Price = """[{"label":"objection_price","score":0.9}]""";
    private const string Timing = """[{"label":"objection_timing","score":0.8}]""";
    private const string NextStep = """[{"label":"next_step","score":0.7}]""";

    [Fact]
    public void Build_ObjectionAnsweredAndNotRepeated_IsHandled()
    {
        var summary = SummaryBuilder.Build(Call,
        [
            Seg(1, "customer", "It's too expensive", Price),
            Seg(2, "rep", "Compared to what?"),
            Seg(3, "customer", "Fair point."),
            Seg(4, "rep", "Demo on Thursday?", NextStep),
        ], [], [], DefaultPlaybook.Load(), DateTimeOffset.UnixEpoch);

        var objection = Assert.Single(summary.Objections);
        Assert.True(objection.Handled);
        Assert.Equal(2, objection.AnsweredBySeq);
        Assert.Equal("Demo on Thursday?", Assert.Single(summary.NextSteps).Text);
        Assert.Empty(summary.Warnings);
        Assert.Equal(1, Assert.Single(summary.Signals, s => s.Label == "objection_price").Count);
    }

    [Fact]
    public void Build_ObjectionRepeatedOrUnanswered_IsNotHandledAndWarns()
    {
        var summary = SummaryBuilder.Build(Call,
        [
            Seg(1, "customer", "It's too expensive", Price),
            Seg(2, "rep", "It is worth it."),
            Seg(3, "customer", "Still too expensive for us", Price),
            Seg(4, "customer", "And not this quarter", Timing),
            Seg(5, "customer", "Really not"),
            Seg(6, "customer", "Bye"),
        ], [], [], DefaultPlaybook.Load(), DateTimeOffset.UnixEpoch);

        Assert.Equal(3, summary.Objections.Count);
        Assert.False(summary.Objections[0].Handled);
        Assert.Equal(3, summary.Objections[0].RepeatedAtSeq);
        Assert.False(summary.Objections[1].Handled); // no rep turn within 2 turns
        Assert.False(summary.Objections[2].Handled);
        Assert.Contains("No next step was agreed.", summary.Warnings);
        Assert.Contains("3 objections were not handled.", summary.Warnings);
        Assert.Contains("No next step was agreed.", summary.Summary);
    }

    [Fact]
    public void Build_ContentEvents_SplitsUsedFromRecommended()
    {
        var summary = SummaryBuilder.Build(Call, [Seg(1, "rep", "Hi")], [], [("c1", "impression"), ("c1", "open"), ("c2", "impression")],
            DefaultPlaybook.Load(), DateTimeOffset.UnixEpoch);

        Assert.Equal(["c1"], summary.ContentUsed);
        Assert.Equal(["c1", "c2"], summary.RecommendedContent);
    }
}
