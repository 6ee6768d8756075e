namespace SalesCoach.Coaching.Tips;

/// <summary>The design's <c>Tip</c>: <c>segmentSeq</c> is the segment that raised it.</summary>
public sealed record Tip(
    string Id,
    string Kind,
    string Title,
    string Message,
    string Language,
    string Severity,
    long SegmentSeq,
    IReadOnlyList<string> ContentIds);
