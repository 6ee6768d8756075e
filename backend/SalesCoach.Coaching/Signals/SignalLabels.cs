namespace SalesCoach.Coaching.Signals;

/// <summary>The nine signal labels of the design (multi-label, per utterance).</summary>
public static class SignalLabels
{
    public const string ObjectionPrice = "objection_price";
    public const string ObjectionTiming = "objection_timing";
    public const string ObjectionAuthority = "objection_authority";
    public const string ObjectionNeed = "objection_need";
    public const string ObjectionTrust = "objection_trust";
    public const string Competitor = "competitor";
    public const string BuyingSignal = "buying_signal";
    public const string PricingQuestion = "pricing_question";
    public const string NextStep = "next_step";

    public static readonly IReadOnlyList<string> All =
        [ObjectionPrice, ObjectionTiming, ObjectionAuthority, ObjectionNeed, ObjectionTrust, Competitor, BuyingSignal, PricingQuestion, NextStep];

    public static bool IsObjection(string label) => label.StartsWith("objection_", StringComparison.Ordinal);
}

/// <summary>A label over its decision threshold, with the score that put it there.</summary>
public sealed record SignalScore(string Label, float Score);
