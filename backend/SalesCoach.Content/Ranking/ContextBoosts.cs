using SalesCoach.Content.Search;

namespace SalesCoach.Content.Ranking;

/// <summary>The record-context, conversation-signal and language boosts of one item, each with the reason a rep reads.</summary>
internal static class ContextBoosts
{
    public const double MaxSignalShare = 1.5;

    public static double Apply(IndexedItem item, RankingContext c, RankingWeights w, List<(double, string)>? reasons)
    {
        var total = Competitors(item, c, w, reasons);
        // Reason texts are only built on the second pass (reasons != null), not for every item of the library.
        if (RankingContext.Has(item.Stages, c.StageKey))
        {
            total += w.Stage;
            reasons?.Add((w.Stage, $"Matches stage: {c.Stage}"));
        }

        if (RankingContext.Has(item.Industries, c.IndustryKey))
        {
            total += w.Industry;
            reasons?.Add((w.Industry, $"Matches industry: {c.Industry}"));
        }

        if (RankingContext.Has(item.Personas, c.PersonaKey))
        {
            total += w.Persona;
            reasons?.Add((w.Persona, $"Written for: {c.Persona}"));
        }

        var products = 0;
        for (var p = 0; p < c.Products.Length && products < 2; p++)
        {
            if (RankingContext.Has(item.Products, c.ProductKeys[p]))
            {
                products++;
                total += w.Product;
                reasons?.Add((w.Product, $"Covers product: {c.Products[p]}"));
            }
        }

        if (reasons is null)
        {
            // First pass over the whole library: the signal share depends only on the item's kind, so it is looked up, not recomputed.
            total += w.SignalMatch * c.SignalShare(item);
        }
        else
        {
            var signalShare = 0.0;
            foreach (var signal in c.Signals)
            {
                var (share, reason) = SignalBoosts.For(signal, item);
                if (share > 0 && signalShare < MaxSignalShare)
                {
                    signalShare += share;
                    reasons.Add((w.SignalMatch * share, reason!));
                }
            }

            total += w.SignalMatch * Math.Min(signalShare, MaxSignalShare);
        }
        if (c.Language is { } language)
        {
            if (item.Language == language)
            {
                total += w.SameLanguage;
                reasons?.Add((w.SameLanguage, $"In {RankingContext.LanguageName(language)}, the requested language"));
            }
            else
            {
                total += w.OtherLanguage;
            }
        }

        return total;
    }

    private static double Competitors(IndexedItem item, RankingContext c, RankingWeights w, List<(double, string)>? reasons)
    {
        var best = 0.0;
        string? why = null;
        var battlecard = item.Type == "battlecard";
        if (item.Competitors.Length == 0 || (c.NamedCompetitors.Count == 0 && c.RecordCompetitors.Count == 0))
        {
            return 0;
        }

        foreach (var competitor in item.Competitors)
        {
            var named = c.NamedCompetitors.ContainsKey(competitor);
            if (!named && !c.RecordCompetitors.ContainsKey(competitor))
            {
                continue;
            }

            var boost = named ? (battlecard ? w.CompetitorNamed : w.CompetitorMention) : (battlecard ? w.CompetitorOnRecord : w.CompetitorMention * 0.5);
            if (boost > best)
            {
                best = boost;
                if (reasons is not null)
                {
                    // The reason text is built only on the second pass, for the few items shown.
                    var name = item.CompetitorNames.GetValueOrDefault(competitor, competitor);
                    why = (named, battlecard) switch
                    {
                        (true, true) => $"Battlecard for {name}, named in the conversation",
                        (true, false) => $"Covers {name}, named in the conversation",
                        (false, true) => $"Battlecard for {name}, a competitor on this record",
                        _ => $"Covers {name}, a competitor on this record",
                    };
                }
            }
        }

        if (why is not null)
        {
            reasons?.Add((best, why));
        }

        return best;
    }
}
