namespace SalesCoach.Content.Ranking;

/// <summary>
/// The codes of <see cref="Recommendation.ReasonDetails"/>, why an item was recommended, and the one parameter each takes
/// (none where not said).
/// </summary>
public static class ReasonCodes
{
    /// <summary><c>competitor</c>: a battlecard for a competitor the customer named.</summary>
    public const string BattlecardNamed = "battlecard_named";

    /// <summary><c>competitor</c>: covers a competitor the customer named.</summary>
    public const string CompetitorNamed = "competitor_named";

    /// <summary><c>competitor</c>: a battlecard for a competitor on the CRM record.</summary>
    public const string BattlecardOnRecord = "battlecard_on_record";

    /// <summary><c>competitor</c>: covers a competitor on the CRM record.</summary>
    public const string CompetitorOnRecord = "competitor_on_record";

    /// <summary><c>stage</c>, as the record names it.</summary>
    public const string Stage = "stage";

    /// <summary><c>industry</c>, as the record names it.</summary>
    public const string Industry = "industry";

    /// <summary><c>persona</c>, as the record names it.</summary>
    public const string Persona = "persona";

    /// <summary><c>product</c>, as the record names it.</summary>
    public const string Product = "product";

    /// <summary>
    /// <c>signal</c> (the conversation signal label) for the codes below: which kind of content answers which signal.
    /// </summary>
    public const string RoiCaseStudyForPrice = "roi_case_study_for_price";
    public const string PricingSheetForPrice = "pricing_sheet_for_price";
    public const string RoiForPrice = "roi_for_price";
    public const string PricingSheetForPricingQuestion = "pricing_sheet_for_pricing_question";
    public const string ProofForTrust = "proof_for_trust";
    public const string EvidenceForTrust = "evidence_for_trust";
    public const string CostOfWaitingForTiming = "cost_of_waiting_for_timing";
    public const string ShareableForAuthority = "shareable_for_authority";
    public const string ValueForNeed = "value_for_need";
    public const string OnboardingForBuyingSignal = "onboarding_for_buying_signal";
    public const string FollowUpForBuyingSignal = "follow_up_for_buying_signal";

    /// <summary><c>language</c>: the item is in the requested language (en, es, fr, de, zh).</summary>
    public const string Language = "language";

    /// <summary>The item's text matches the record and the conversation well.</summary>
    public const string TextMatch = "text_match";

    /// <summary><c>count</c>: conversations in which the tenant's reps used it.</summary>
    public const string UsedByTeam = "used_by_team";

    /// <summary><c>count</c>: times the tenant's reps rated it helpful.</summary>
    public const string RatedHelpful = "rated_helpful";
}

/// <summary>A reason found while scoring, before it is written out in the request's language.</summary>
internal readonly record struct PendingReason(double Weight, string Code, string? Key = null, string? Value = null);
