using SalesCoach.Content.Search;
using SalesCoach.Storage.Signals;

namespace SalesCoach.Content.Ranking;

public sealed record DetectedSignals(IReadOnlySet<string> Labels, IReadOnlyList<string> CompetitorsNamed);

/// <summary>
/// A cheap, multilingual phrase spotter over the conversation, used when no classifier output is
/// passed in: the phrases are the plain words customers use for each signal in the five languages,
/// and the competitor list is whatever competitors the tenant's own library names.
/// </summary>
public static class ConversationSignals
{
    private static readonly Dictionary<string, string[]> Phrases = new()
    {
        [SignalLabels.ObjectionPrice] = ["too expensive", "expensive", "over budget", "no budget", "budget", "cheaper", "costs too much", "too much money",
            "caro", "presupuesto", "mas barato", "trop cher", "cher", "moins cher", "zu teuer", "teuer", "gunstiger", "太贵", "预算", "便宜", "贵"],
        [SignalLabels.PricingQuestion] = ["how much", "pricing", "price", "cost", "discount", "payment terms", "which plan", "cuanto cuesta", "precio",
            "descuento", "combien", "prix", "tarif", "remise", "wie viel", "preis", "kosten", "rabatt", "多少钱", "价格", "报价", "折扣"],
        [SignalLabels.ObjectionTrust] = ["proof", "reference", "references", "not sure it works", "doubt", "bad experience", "case study", "referencias",
            "prueba", "dudas", "preuve", "doute", "referenz", "beweis", "zweifel", "案例", "证明", "怀疑"],
        [SignalLabels.ObjectionTiming] = ["next quarter", "not now", "later this year", "bad timing", "too busy", "proximo trimestre", "ahora no",
            "trimestre prochain", "plus tard", "nachstes quartal", "spater", "下个季度", "以后再说"],
        [SignalLabels.ObjectionAuthority] = ["my boss", "procurement", "legal team", "not my decision", "sign off", "mi jefe", "compras", "mon patron",
            "achats", "juridique", "mein chef", "einkauf", "rechtsabteilung", "老板", "采购", "法务"],
        [SignalLabels.ObjectionNeed] = ["don't need", "do not need", "works fine", "not a priority", "no necesitamos", "pas besoin", "brauchen nicht",
            "keine prioritat", "不需要"],
        [SignalLabels.BuyingSignal] = ["onboarding", "get started", "send the contract", "how soon", "next steps", "contrato", "empezar", "contrat",
            "demarrer", "vertrag", "starten", "合同", "开始", "上线"],
    };

    public static DetectedSignals Detect(IReadOnlyList<string> conversation, IReadOnlyDictionary<string, string> knownCompetitors)
    {
        var labels = new HashSet<string>(StringComparer.Ordinal);
        var named = new List<string>();
        if (conversation.Count == 0)
        {
            return new DetectedSignals(labels, named);
        }

        var text = " " + TextAnalyzer.Fold(string.Join(" \n ", conversation)) + " ";
        foreach (var (label, phrases) in Phrases)
        {
            if (phrases.Any(p => Contains(text, p)))
            {
                labels.Add(label);
            }
        }

        foreach (var (key, name) in knownCompetitors)
        {
            if (Contains(text, TextAnalyzer.Fold(key)))
            {
                named.Add(name);
            }
        }

        if (named.Count > 0)
        {
            labels.Add(SignalLabels.Competitor);
        }

        return new DetectedSignals(labels, named);
    }

    /// <summary>Whole-word match for Latin phrases (so "cost" does not fire inside "costume"); substring for Han.</summary>
    private static bool Contains(string text, string phrase)
    {
        if (phrase.Length == 0)
        {
            return false;
        }

        if (TextAnalyzer.IsHan(phrase[0]))
        {
            return text.Contains(phrase, StringComparison.Ordinal);
        }

        var start = 0;
        while ((start = text.IndexOf(phrase, start, StringComparison.Ordinal)) >= 0)
        {
            var end = start + phrase.Length;
            if (!char.IsLetterOrDigit(text[start - 1]) && (end >= text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return true;
            }

            start++;
        }

        return false;
    }
}
