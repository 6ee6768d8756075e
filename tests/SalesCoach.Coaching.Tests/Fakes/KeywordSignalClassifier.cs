using SalesCoach.Coaching.Signals;
using SalesCoach.Storage.Signals;

namespace SalesCoach.Coaching.Tests.Fakes;

/// <summary>
/// A test double for the model: fixed phrases map to labels, so pipeline tests know exactly
/// which signals each segment carries. It never stands in for the real model outside tests.
/// </summary>
public sealed class KeywordSignalClassifier : ISignalClassifier
{
    private static readonly (string Phrase, string Label)[] Phrases =
    [
        ("too expensive", SignalLabels.ObjectionPrice),
        ("demasiado caro", SignalLabels.ObjectionPrice),
        ("next quarter", SignalLabels.ObjectionTiming),
        ("ask my boss", SignalLabels.ObjectionAuthority),
        ("how soon can we start", SignalLabels.BuyingSignal),
        ("how much", SignalLabels.PricingQuestion),
        ("demo on thursday", SignalLabels.NextStep),
    ];

    public string Description => "keyword test double";

    public bool IsModelLoaded => true;

    public IReadOnlyList<SignalScore> Classify(string tenantId, string text, string language) =>
        Phrases.Where(p => text.Contains(p.Phrase, StringComparison.OrdinalIgnoreCase))
            .Select(p => new SignalScore(p.Label, 0.9f)).DistinctBy(s => s.Label).ToList();
}
