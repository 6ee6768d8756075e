namespace SalesCoach.Content.Ranking;

/// <summary>
/// How much each signal counts. Set by reasoning about what a rep expects (a battlecard for a
/// competitor just named beats a stage match), then checked on the evaluation's dev queries only.
/// </summary>
public sealed class RankingWeights
{
    public double Keyword { get; init; } = 1.0;
    public double Semantic { get; init; } = 1.0;
    public double CompetitorNamed { get; init; } = 1.2;
    public double CompetitorOnRecord { get; init; } = 0.7;
    public double CompetitorMention { get; init; } = 0.3;
    public double Stage { get; init; } = 0.3;
    public double Industry { get; init; } = 0.4;
    public double Product { get; init; } = 0.3;
    public double Persona { get; init; } = 0.25;
    public double SignalMatch { get; init; } = 0.6;
    public double SameLanguage { get; init; } = 0.35;
    public double OtherLanguage { get; init; } = -0.35;
    public double Engagement { get; init; } = 0.8;

    public static readonly RankingWeights Default = new();
}
