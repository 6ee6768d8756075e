using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Metrics;

namespace SalesCoach.Coaching.Tests.Metrics;

public class MetricsTrackerTests
{
    // Hand-computed below: rep talks 10+30+30+3 s = 73 s, customer 8+7 s = 15 s.
    private static readonly SegmentInput[] Call =
    [
        new(1, "rep", "Hi, thanks for joining. How are things going?", 0, 10_000),
        new(2, "customer", "Um, pretty busy. We use a spreadsheet today.", 12_000, 20_000),
        new(3, "rep", "So basically our tool, you know, replaces the spreadsheet and like saves hours every week", 19_000, 49_000),
        new(4, "rep", "It also syncs with your CRM", 50_000, 80_000),
        new(5, "customer", "What does it cost?", 83_000, 90_000),
        new(6, "rep", "Depends on seats.", 92_000, 95_000),
    ];

    private static MetricsTracker Track(IEnumerable<SegmentInput> segments)
    {
        var tracker = new MetricsTracker();
        foreach (var s in segments)
        {
            tracker.Add(SegmentFacts.From(s, s.Text, "en"));
        }

        return tracker;
    }

    [Fact]
    public void Snapshot_SampleCall_MatchesHandComputedValues()
    {
        var m = Track(Call).Snapshot();

        Assert.Equal(6, m.Segments);
        Assert.Equal(95_000, m.DurationMs);
        Assert.Equal(new PerSide<long>(73_000, 15_000), m.TalkMs);
        Assert.Equal(0.8295, m.TalkShare.Rep);          // 73 / 88
        Assert.Equal(0.1705, m.TalkShare.Customer);     // 15 / 88
        Assert.Equal(new Monologue(61_000, "rep"), m.LongestMonologue); // seq 3-4: 19 s to 80 s
        Assert.Equal(new Monologue(3_000, "rep"), m.CurrentMonologue);
        Assert.Equal(new PerSide<int>(1, 1), m.Questions);
        Assert.Equal(26.3, m.WordsPerMinute.Rep);       // 32 words in 73 s
        Assert.Equal(48.0, m.WordsPerMinute.Customer);  // 12 words in 15 s
        Assert.Equal(2.47, m.FillerWordsPerMinute.Rep); // basically, you know, like
        Assert.Equal(4.0, m.FillerWordsPerMinute.Customer); // um
        Assert.Equal(new PerSide<int>(1, 0), m.Interruptions); // seq 3 starts 1 s before seq 2 ends
        Assert.Equal(1_000, m.PatienceMs);              // (0 + 2000) / 2 answers
        Assert.Equal(2.53, m.SpeakerSwitchesPerMinute); // 4 switches in 95 s
    }

    [Fact]
    public void Add_SegmentsInAnyOrder_GivesTheSameMetrics()
    {
        var expected = Track(Call).Snapshot();
        var random = new Random(42);
        for (var round = 0; round < 20; round++)
        {
            var shuffled = Call.OrderBy(_ => random.Next()).ToArray();
            Assert.Equal(expected, Track(shuffled).Snapshot());
        }
    }

    [Fact]
    public void Add_DuplicateSeq_IsIgnored()
    {
        var tracker = Track(Call);
        var before = tracker.Snapshot();

        var added = tracker.Add(SegmentFacts.From(Call[2] with { Text = "different text entirely here" }, "different text", "en"));

        Assert.False(added);
        Assert.Equal(before, tracker.Snapshot());
        Assert.True(tracker.Contains(3));
        Assert.False(tracker.Contains(7));
    }

    [Fact]
    public void Snapshot_NoSegments_IsAllZero()
    {
        var m = new MetricsTracker().Snapshot();

        Assert.Equal(0, m.Segments);
        Assert.Equal(0, m.TalkShare.Rep);
        Assert.Null(m.LongestMonologue.Speaker);
        Assert.Equal(0, m.SpeakerSwitchesPerMinute);
    }
}
