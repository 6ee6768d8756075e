using SalesCoach.Content.Library;
using SalesCoach.Content.Search;

namespace SalesCoach.Content.Ranking;

/// <summary>A query resolved against one snapshot: lower-cased context values and the signals found in the conversation.</summary>
internal sealed class RankingContext
{
    public RankingContext(RecommendationQuery query, LibrarySnapshot snapshot)
    {
        var c = query.Context;
        Stage = c.Stage?.Trim();
        Industry = c.Industry?.Trim();
        Persona = c.Persona?.Trim();
        Products = [.. c.Products.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim())];
        StageKey = Stage?.ToLowerInvariant();
        IndustryKey = Industry?.ToLowerInvariant();
        PersonaKey = Persona?.ToLowerInvariant();
        ProductKeys = [.. Products.Select(p => p.ToLowerInvariant())];
        RecordCompetitors = c.Competitors.Where(p => !string.IsNullOrWhiteSpace(p)).ToDictionary(p => p.Trim().ToLowerInvariant(), p => p.Trim());
        Language = query.Language;

        var known = new Dictionary<string, string>(snapshot.Competitors);
        foreach (var (key, name) in RecordCompetitors)
        {
            known.TryAdd(key, name);
        }

        var detected = ConversationSignals.Detect(query.Conversation, known);
        Signals = [.. detected.Labels, .. query.Signals ?? []];
        NamedCompetitors = detected.CompetitorsNamed.ToDictionary(n => n.ToLowerInvariant(), n => n);
    }

    public string? Stage { get; }

    public string? Industry { get; }

    public string? Persona { get; }

    public string[] Products { get; }

    /// <summary>Lower-cased once per query, compared against the snapshot's lower-cased metadata.</summary>
    public string? StageKey { get; }

    public string? IndustryKey { get; }

    public string? PersonaKey { get; }

    public string[] ProductKeys { get; }

    public Dictionary<string, string> RecordCompetitors { get; }

    public Dictionary<string, string> NamedCompetitors { get; }

    public HashSet<string> Signals { get; }

    public string? Language { get; }

    // One slot per kind of item (type x mentions ROI x mentions onboarding); NaN until first needed.
    private readonly double[] _signalShares = [.. Enumerable.Repeat(double.NaN, (ContentTypes.All.Count + 1) * 4)];

    /// <summary>The summed (capped) share of the signal weight an item earns, memoised per kind of item.</summary>
    public double SignalShare(IndexedItem item)
    {
        if (Signals.Count == 0)
        {
            return 0;
        }

        var key = item.Kind;
        var share = _signalShares[key];
        if (double.IsNaN(share))
        {
            share = 0;
            foreach (var signal in Signals)
            {
                var (s, _) = SignalBoosts.For(signal, item);
                if (s > 0 && share < ContextBoosts.MaxSignalShare)
                {
                    share += s;
                }
            }

            _signalShares[key] = share = Math.Min(share, ContextBoosts.MaxSignalShare);
        }

        return share;
    }

    /// <summary>The text the keyword and semantic signals search with: the record's context and the latest turns.</summary>
    public static string QueryText(RecommendationQuery query, int maxTurns)
    {
        var c = query.Context;
        var turns = query.Conversation.Count > maxTurns ? query.Conversation.Skip(query.Conversation.Count - maxTurns) : query.Conversation;
        return string.Join(' ', [c.Stage, c.Industry, c.Persona, .. c.Products, .. c.Competitors, .. turns]);
    }

    public static bool Has(string[] values, string? key) => key is { Length: > 0 } && values.Length > 0 && Array.IndexOf(values, key) >= 0;
}
