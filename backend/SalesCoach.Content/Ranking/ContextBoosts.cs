using SalesCoach.Content.Search;

namespace SalesCoach.Content.Ranking;

/// <summary>The record-context, conversation-signal and language boosts of one item, each with the code of the reason a rep reads.</summary>
internal static class ContextBoosts
{
    public const double MaxSignalShare = 1.5;

    public static double Apply(IndexedItem item, RankingContext c, RankingWeights w, List<PendingReason>? reasons)
    {
        var total = Competitors(item, c, w, reasons);
        // Reason texts are only built on the second pass (reasons != null), not for every item of the library.
        if (RankingContext.Has(item.Stages, c.StageKey))
        {
            total += w.Stage;
            reasons?.Add(new(w.Stage, ReasonCodes.Stage, "stage", c.Stage));
        }

        if (RankingContext.Has(item.Industries, c.IndustryKey))
        {
            total += w.Industry;
            reasons?.Add(new(w.Industry, ReasonCodes.Industry, "industry", c.Industry));
        }

        if (RankingContext.Has(item.Personas, c.PersonaKey))
        {
            total += w.Persona;
            reasons?.Add(new(w.Persona, ReasonCodes.Persona, "persona", c.Persona));
        }

        var products = 0;
        for (var p = 0; p < c.Products.Length && products < 2; p++)
        {
            if (RankingContext.Has(item.Products, c.ProductKeys[p]))
            {
                products++;
                total += w.Product;
                reasons?.Add(new(w.Product, ReasonCodes.Product, "product", c.Products[p]));
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
                    reasons.Add(new(w.SignalMatch * share, reason!, "signal", signal));
                }
            }

            total += w.SignalMatch * Math.Min(signalShare, MaxSignalShare);
        }
        if (c.Language is { } language)
        {
            if (item.Language == language)
            {
                total += w.SameLanguage;
                reasons?.Add(new(w.SameLanguage, ReasonCodes.Language, "language", language));
            }
            else
            {
                total += w.OtherLanguage;
            }
        }

        return total;
    }

    private static double Competitors(IndexedItem item, RankingContext c, RankingWeights w, List<PendingReason>? reasons)
    {
        var best = 0.0;
        string? why = null;
        string? whyName = null;
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
                    // The reason is built only on the second pass, for the few items shown.
                    whyName = item.CompetitorNames.GetValueOrDefault(competitor, competitor);
                    why = (named, battlecard) switch
                    {
                        (true, true) => ReasonCodes.BattlecardNamed,
                        (true, false) => ReasonCodes.CompetitorNamed,
                        (false, true) => ReasonCodes.BattlecardOnRecord,
                        _ => ReasonCodes.CompetitorOnRecord,
                    };
                }
            }
        }

        if (why is not null)
        {
            reasons?.Add(new(best, why, "competitor", whyName));
        }

        return best;
    }
}
