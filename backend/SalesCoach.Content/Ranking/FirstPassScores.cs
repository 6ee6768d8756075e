using System.Buffers;
using SalesCoach.Content.Library;
using SalesCoach.Content.Search;

namespace SalesCoach.Content.Ranking;

/// <summary>
/// The first pass over the whole library: the same sum <see cref="ContextBoosts"/> computes, but
/// from flat arrays and metadata postings instead of per-item objects, so 100k items cost a
/// sequential scan, not 100k pointer chases. Reasons are built on the second pass, for the
/// few items that made the cut.
/// </summary>
internal static class FirstPassScores
{
    /// <summary>The first-pass score of every item, in an array rented from <see cref="ArrayPool{T}.Shared"/> (the caller returns it; it may be longer than the library).</summary>
    public static double[] Compute(LibrarySnapshot s, RankingContext c, RankingWeights w, Dictionary<int, double> keyword, float[] semantic)
    {
        var n = s.Items.Length;
        var scores = ArrayPool<double>.Shared.Rent(n);
        for (var i = 0; i < n; i++)
        {
            scores[i] = w.Semantic * Math.Max(0, semantic[i]);
        }

        foreach (var (index, value) in keyword)
        {
            scores[index] += w.Keyword * value;
        }

        Add(scores, s.WithMetadata("stage", c.StageKey), w.Stage);
        Add(scores, s.WithMetadata("industry", c.IndustryKey), w.Industry);
        Add(scores, s.WithMetadata("persona", c.PersonaKey), w.Persona);
        if (c.ProductKeys.Length > 0)
        {
            var counts = ArrayPool<byte>.Shared.Rent(n);
            Array.Clear(counts, 0, n);
            foreach (var product in c.ProductKeys)
            {
                foreach (var index in s.WithMetadata("product", product))
                {
                    if (counts[index] < 2)
                    {
                        counts[index]++;
                        scores[index] += w.Product;
                    }
                }
            }

            ArrayPool<byte>.Shared.Return(counts);
        }

        Competitors(scores, s, c, w);
        var signalByKind = new double[(ContentTypes.All.Count + 1) * 4];
        Array.Fill(signalByKind, double.NaN);
        var language = c.Language is { } l ? (ContentLanguages.All as IList<string>)!.IndexOf(l) : -1;
        for (var i = 0; i < n; i++)
        {
            var kind = s.Kinds[i];
            var share = signalByKind[kind];
            if (double.IsNaN(share))
            {
                share = signalByKind[kind] = c.SignalShare(s.Items[i]);
            }

            scores[i] += w.SignalMatch * share;
            if (c.Language is not null)
            {
                scores[i] += s.LanguageIndexes[i] == language ? w.SameLanguage : w.OtherLanguage;
            }
        }

        return scores;
    }

    private static void Add(double[] scores, IReadOnlyList<int> postings, double weight)
    {
        foreach (var index in postings)
        {
            scores[index] += weight;
        }
    }

    /// <summary>The best competitor boost of each item (a maximum, as in <see cref="ContextBoosts"/>, not a sum).</summary>
    private static void Competitors(double[] scores, LibrarySnapshot s, RankingContext c, RankingWeights w)
    {
        if (c.NamedCompetitors.Count == 0 && c.RecordCompetitors.Count == 0)
        {
            return;
        }

        var best = new Dictionary<int, double>();
        foreach (var key in c.NamedCompetitors.Keys.Union(c.RecordCompetitors.Keys))
        {
            var named = c.NamedCompetitors.ContainsKey(key);
            foreach (var index in s.WithMetadata("competitor", key))
            {
                var battlecard = s.Items[index].Type == "battlecard";
                var boost = named ? (battlecard ? w.CompetitorNamed : w.CompetitorMention) : (battlecard ? w.CompetitorOnRecord : w.CompetitorMention * 0.5);
                best[index] = Math.Max(best.GetValueOrDefault(index), boost);
            }
        }

        foreach (var (index, boost) in best)
        {
            scores[index] += boost;
        }
    }
}
