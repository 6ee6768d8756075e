namespace SalesCoach.Content.Search;

/// <summary>
/// A small multilingual lexicon of sales concepts. Each word (stemmed as <see cref="TextAnalyzer"/>
/// stems it) adds a shared concept token, so "precio", "Preis", "prix", "价格" and "pricing" meet
/// in the semantic model even when the library holds the idea in only one language.
/// </summary>
public static class ConceptLexicon
{
    public const string Roi = "~roi";
    public const string Onboarding = "~onboarding";

    private static readonly Dictionary<string, string[]> Concepts = new()
    {
        ["~price"] = ["price", "pricing", "cost", "costs", "expensive", "budget", "discount", "cheaper", "license", "precio", "caro", "costo",
            "coste", "presupuesto", "descuento", "prix", "cher", "cout", "tarif", "remise", "preis", "teuer", "kosten", "rabatt", "价格", "太贵",
            "预算", "折扣", "成本", "报价"],
        [Roi] = ["roi", "return", "payback", "savings", "saved", "save", "ahorro", "retorno", "rentabilidad", "rentabilite", "economie",
            "einsparung", "einsparungen", "rendite", "amortisation", "回报", "节省", "投资回报"],
        ["~security"] = ["security", "secure", "compliance", "gdpr", "soc", "iso", "privacy", "seguridad", "cumplimiento", "rgpd", "securite",
            "conformite", "sicherheit", "datenschutz", "dsgvo", "安全", "合规", "隐私"],
        [Onboarding] = ["onboarding", "implementation", "rollout", "deployment", "training", "implementacion", "despliegue", "formacion",
            "deploiement", "formation", "einfuhrung", "implementierung", "schulung", "实施", "上线", "培训", "部署"],
        ["~integration"] = ["integration", "api", "connector", "integracion", "integrations", "integrationen", "schnittstelle", "集成", "接口"],
        ["~proof"] = ["reference", "proof", "testimonial", "customer", "story", "referencia", "testimonio", "cliente", "temoignage", "preuve",
            "referenz", "kunde", "nachweis", "案例", "客户", "证明"],
        ["~competitor"] = ["competitor", "alternative", "switch", "versus", "competencia", "competidor", "concurrent", "concurrence",
            "wettbewerber", "konkurrenz", "竞争", "对手", "竞品"],
        ["~timing"] = ["quarter", "later", "timing", "delay", "trimestre", "tarde", "retraso", "plus tard", "quartal", "spater", "季度", "以后"],
    };

    // Declared before ByToken: static fields initialise in textual order.
    private static readonly string[] ContentLanguagesForStemming = ["en", "es", "fr", "de"];

    private static readonly Dictionary<string, string> ByToken = Build();

    /// <summary>The tokens followed by the concept token of each one that belongs to a concept.</summary>
    public static List<string> Expand(IReadOnlyList<string> tokens)
    {
        var expanded = new List<string>(tokens.Count + 4);
        expanded.AddRange(tokens);
        foreach (var token in tokens)
        {
            if (ByToken.TryGetValue(token, out var concept))
            {
                expanded.Add(concept);
            }
        }

        return expanded;
    }

    public static bool Mentions(IReadOnlyList<string> tokens, string concept) =>
        tokens.Any(t => ByToken.TryGetValue(t, out var c) && c == concept);

    private static Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (concept, words) in Concepts)
        {
            foreach (var word in words)
            {
                // Index every stemmed form a word can take, whichever language analysed it.
                foreach (var language in ContentLanguagesForStemming)
                {
                    foreach (var token in TextAnalyzer.Tokens(word, language))
                    {
                        map.TryAdd(token, concept);
                    }
                }
            }
        }

        return map;
    }
}
