using SalesCoach.Content.Search;

namespace SalesCoach.Content.Ranking;

/// <summary>Which kinds of content answer which conversation signal, with the reason a rep reads.</summary>
internal static class SignalBoosts
{
    /// <summary>The share (0..1) of the signal weight an item earns for one signal, and why; (0, null) when it does not answer it.</summary>
    public static (double Share, string? Reason) For(string signal, IndexedItem item) => (signal, item.Type) switch
    {
        (SignalLabels.ObjectionPrice, "case_study") when item.MentionsRoi => (1.0, "ROI case study for the price objection"),
        (SignalLabels.ObjectionPrice, "pricing") => (0.9, "Pricing sheet for the price objection"),
        (SignalLabels.ObjectionPrice, "one_pager" or "whitepaper") when item.MentionsRoi => (0.5, "Shows the return on investment, for the price objection"),
        (SignalLabels.PricingQuestion, "pricing") => (1.0, "Pricing sheet for the pricing question"),
        (SignalLabels.ObjectionTrust, "case_study") => (0.7, "Customer proof for the customer's doubts"),
        (SignalLabels.ObjectionTrust, "whitepaper") => (0.4, "Evidence for the customer's doubts"),
        (SignalLabels.ObjectionTiming, "case_study") when item.MentionsRoi => (0.4, "Shows the cost of waiting, for the timing objection"),
        (SignalLabels.ObjectionAuthority, "deck" or "one_pager") => (0.5, "Easy to share with the decision maker"),
        (SignalLabels.ObjectionNeed, "case_study" or "one_pager") => (0.4, "Shows the value, for a customer who doubts the need"),
        (SignalLabels.BuyingSignal, _) when item.MentionsOnboarding => (0.6, "Onboarding material for a buying signal"),
        (SignalLabels.BuyingSignal, "email_template") => (0.4, "Follow-up template for a buying signal"),
        _ => (0, null),
    };

    public static string Describe(string signal) => signal switch
    {
        SignalLabels.ObjectionPrice => "price objection",
        SignalLabels.PricingQuestion => "pricing question",
        _ => signal.Replace('_', ' '),
    };
}
