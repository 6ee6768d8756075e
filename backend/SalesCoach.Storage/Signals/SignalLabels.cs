namespace SalesCoach.Storage.Signals;

/// <summary>
/// The nine signal labels of the design (multi-label, per utterance). One definition for every feature that names
/// them: coaching's classifier, tips and summaries, and content's ranking boosts and phrase spotter.
/// </summary>
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
