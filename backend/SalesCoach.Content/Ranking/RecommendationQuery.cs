using SalesCoach.Storage.Texts;

namespace SalesCoach.Content.Ranking;

public sealed record RecordContext(
    string? Crm, string? RecordType, string? Stage, string? Industry, IReadOnlyList<string> Products, IReadOnlyList<string> Competitors, string? Persona)
{
    public static readonly RecordContext Empty = new(null, null, null, null, [], [], null);
}

public enum RankingMode
{
    /// <summary>The store's full-text ranking only (the evaluation baseline).</summary>
    Keyword,

    /// <summary>Embedding similarity only.</summary>
    Semantic,

    /// <summary>Keyword + semantic + record context + conversation signals + engagement.</summary>
    Combined,
}

/// <summary>
/// What to rank for. <see cref="Signals"/> are labels another component already detected
/// (live coaching's classifier); the ranker adds what it finds in <see cref="Conversation"/> itself.
/// <see cref="Language"/> is the language wanted for the content and the one the reasons are written in.
/// </summary>
public sealed record RecommendationQuery(
    RecordContext Context,
    IReadOnlyList<string> Conversation,
    string? Language,
    int Limit,
    IReadOnlyList<string>? Signals = null,
    RankingMode Mode = RankingMode.Combined);

/// <param name="ReasonDetails">Why, written in the query's language (codes: <see cref="ReasonCodes"/>).</param>
public sealed record Recommendation(string ContentId, string Title, string Type, string? Url, double Score, IReadOnlyList<LocalizedText> ReasonDetails)
{
    /// <summary>The texts of <see cref="ReasonDetails"/>.</summary>
    public IReadOnlyList<string> Reasons => [.. ReasonDetails.Select(r => r.Text)];
}
