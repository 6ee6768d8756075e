namespace SalesCoach.Content.Tests.Evaluation;

/// <summary>The closed vocabularies the judged set promises in its README.</summary>
public static class EvaluationVocabulary
{
    public static readonly string[] Types =
        ["case_study", "deck", "battlecard", "pricing", "one_pager", "whitepaper", "video", "email_template", "other"];

    public static readonly string[] Languages = ["en", "es", "fr", "de", "zh"];

    public static readonly string[] Industries =
        ["saas", "manufacturing", "healthcare", "finance", "retail", "logistics", "telecom", "education", "public_sector"];

    public static readonly string[] Products = ["Coach", "Forecast", "Insights"];

    public static readonly string[] Stages = ["prospecting", "discovery", "demo", "proposal", "negotiation", "closed_won"];

    public static readonly string[] Personas =
    [
        "ceo", "cfo", "cro", "vp_sales", "sales_manager", "sales_ops", "enablement", "rep",
        "it", "legal", "compliance", "procurement",
    ];

    public static readonly string[] Crms = ["salesforce", "dynamics", "hubspot"];

    public static readonly string[] QueryKinds = ["context", "conversation", "both", "conflict"];

    /// <summary>An externalId starts with the short code of its type, e.g. "bc-004" is a battlecard.</summary>
    public static readonly IReadOnlyDictionary<string, string> IdPrefixByType = new Dictionary<string, string>
    {
        ["case_study"] = "cs",
        ["deck"] = "dk",
        ["battlecard"] = "bc",
        ["pricing"] = "pr",
        ["one_pager"] = "op",
        ["whitepaper"] = "wp",
        ["video"] = "vd",
        ["email_template"] = "em",
        ["other"] = "ot",
    };

    public static readonly string[] SourceFileExtensions = [".md", ".html", ".txt"];
}
