using SalesCoach.Content.Search;
using SalesCoach.Storage.Signals;

namespace SalesCoach.Content.Ranking;

/// <summary>Which kinds of content answer which conversation signal, with the reason code a rep reads in their language.</summary>
internal static class SignalBoosts
{
    /// <summary>The share (0..1) of the signal weight an item earns for one signal, and why; (0, null) when it does not answer it.</summary>
    public static (double Share, string? Reason) For(string signal, IndexedItem item) => (signal, item.Type) switch
    {
        (SignalLabels.ObjectionPrice, "case_study") when item.MentionsRoi => (1.0, ReasonCodes.RoiCaseStudyForPrice),
        (SignalLabels.ObjectionPrice, "pricing") => (0.9, ReasonCodes.PricingSheetForPrice),
        (SignalLabels.ObjectionPrice, "one_pager" or "whitepaper") when item.MentionsRoi => (0.5, ReasonCodes.RoiForPrice),
        (SignalLabels.PricingQuestion, "pricing") => (1.0, ReasonCodes.PricingSheetForPricingQuestion),
        (SignalLabels.ObjectionTrust, "case_study") => (0.7, ReasonCodes.ProofForTrust),
        (SignalLabels.ObjectionTrust, "whitepaper") => (0.4, ReasonCodes.EvidenceForTrust),
        (SignalLabels.ObjectionTiming, "case_study") when item.MentionsRoi => (0.4, ReasonCodes.CostOfWaitingForTiming),
        (SignalLabels.ObjectionAuthority, "deck" or "one_pager") => (0.5, ReasonCodes.ShareableForAuthority),
        (SignalLabels.ObjectionNeed, "case_study" or "one_pager") => (0.4, ReasonCodes.ValueForNeed),
        (SignalLabels.BuyingSignal, _) when item.MentionsOnboarding => (0.6, ReasonCodes.OnboardingForBuyingSignal),
        (SignalLabels.BuyingSignal, "email_template") => (0.4, ReasonCodes.FollowUpForBuyingSignal),
        _ => (0, null),
    };
}
