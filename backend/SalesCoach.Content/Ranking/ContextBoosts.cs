using SalesCoach.Content.Search;

namespace SalesCoach.Content.Ranking;

/// <summary>The record-context, conversation-signal and language boosts of one item, each with the reason a rep reads.</summary>
internal static class ContextBoosts
{
    public static double Apply(IndexedItem item, RankingContext c, RankingWeights w, List<(double, string)>? reasons)
    {
        var total = Competitors(item, c, w, reasons);
        total += Match(RankingContext.Has(item.Stages, c.Stage), w.Stage, $"Matches stage: {c.Stage}", reasons);
        total += Match(RankingContext.Has(item.Industries, c.Industry), w.Industry, $"Matches industry: {c.Industry}", reasons);
        total += Match(RankingContext.Has(item.Personas, c.Persona), w.Persona, $"Written for: {c.Persona}", reasons);
        var products = 0;
        foreach (var product in c.Products)
        {
            if (products < 2 && RankingContext.Has(item.Products, product))
            {
                products++;
                total += Match(true, w.Product, $"Covers product: {product}", reasons);
            }
        }

        var signalShare = 0.0;
        foreach (var signal in c.Signals)
        {
            var (share, reason) = SignalBoosts.For(signal, item);
            if (share > 0 && signalShare < 1.5)
            {
                signalShare += share;
                reasons?.Add((w.SignalMatch * share, reason!));
            }
        }

        total += w.SignalMatch * Math.Min(signalShare, 1.5);
        if (c.Language is { } language)
        {
            total += item.Language == language
                ? Match(true, w.SameLanguage, $"In {RankingContext.LanguageName(language)}, the requested language", reasons)
                : w.OtherLanguage;
        }

        return total;
    }

    private static double Competitors(IndexedItem item, RankingContext c, RankingWeights w, List<(double, string)>? reasons)
    {
        var best = 0.0;
        string? why = null;
        var battlecard = item.Type == "battlecard";
        foreach (var competitor in item.Competitors)
        {
            var name = item.CompetitorNames.GetValueOrDefault(competitor, competitor);
            var (boost, reason) = c.NamedCompetitors.ContainsKey(competitor)
                ? battlecard ? (w.CompetitorNamed, $"Battlecard for {name}, named in the conversation") : (w.CompetitorMention, $"Covers {name}, named in the conversation")
                : c.RecordCompetitors.ContainsKey(competitor)
                    ? battlecard ? (w.CompetitorOnRecord, $"Battlecard for {name}, a competitor on this record") : (w.CompetitorMention * 0.5, $"Covers {name}, a competitor on this record")
                    : (0.0, null);
            if (boost > best)
            {
                (best, why) = (boost, reason);
            }
        }

        if (why is not null)
        {
            reasons?.Add((best, why));
        }

        return best;
    }

    private static double Match(bool matched, double weight, string reason, List<(double, string)>? reasons)
    {
        if (!matched)
        {
            return 0;
        }

        reasons?.Add((weight, reason));
        return weight;
    }
}
