namespace SalesCoach.Coaching.Interactions;

public static class Speakers
{
    public const string Rep = "rep";
    public const string Customer = "customer";

    public static bool IsValid(string? speaker) => speaker is Rep or Customer;
}

public static class CoachingLanguages
{
    public static readonly IReadOnlyList<string> All = ["en", "es", "fr", "de", "zh"];

    public static bool IsSupported(string? language) => language is not null && All.Contains(language);
}

/// <summary>One transcript segment as the caller sent it (text not yet redacted).</summary>
public sealed record SegmentInput(long Seq, string Speaker, string Text, long StartMs, long EndMs);
