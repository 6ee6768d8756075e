using SalesCoach.Coaching.Interactions;

namespace SalesCoach.Coaching.Metrics;

/// <summary>
/// What the metrics need from a segment, kept in memory for every segment of a live
/// interaction instead of its text (a few dozen bytes each), so a late segment can be
/// folded in by replaying the ordered list.
/// </summary>
public readonly record struct SegmentFacts(long Seq, bool IsRep, long StartMs, long EndMs, int WordCount, int Fillers, int Questions)
{
    public long DurationMs => Math.Max(0, EndMs - StartMs);

    public static SegmentFacts From(SegmentInput segment, string redactedText, string language)
    {
        var words = Words.Split(redactedText);
        return new(
            segment.Seq,
            segment.Speaker == Speakers.Rep,
            segment.StartMs,
            segment.EndMs,
            words.Count,
            FillerWords.Count(redactedText, words, language),
            Words.CountQuestions(redactedText));
    }
}
