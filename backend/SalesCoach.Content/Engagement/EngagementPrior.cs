namespace SalesCoach.Content.Engagement;

/// <summary>
/// Turns an item's engagement into a ranking adjustment: a Beta(1, 1)-smoothed success rate
/// (helpful and used count fully, shares and opens partly; not-helpful counts against, and so,
/// weakly, does being shown without being touched) plus an optimism bonus that shrinks with
/// evidence, as in UCB. An item nobody has seen sits at zero, above an item shown often and
/// never used, so new content gets its chance and a once-popular item cannot win forever.
/// Deterministic, so rankings are reproducible and testable.
/// </summary>
public static class EngagementPrior
{
    public const double Bonus = 0.3;

    public static double Adjustment(EngagementStats s)
    {
        var successes = s.Helpful + s.Used + (0.5 * s.Shares) + (0.25 * s.Opens);
        var failures = s.NotHelpful + (0.02 * s.Impressions);
        var evidence = successes + failures;
        var mean = (1 + successes) / (2 + evidence);
        var optimistic = mean + (Bonus / Math.Sqrt(1 + evidence));
        return optimistic - (0.5 + Bonus);
    }
}
