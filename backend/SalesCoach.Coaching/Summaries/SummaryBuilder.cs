using System.Globalization;
using System.Text.Json;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Metrics;
using SalesCoach.Coaching.Playbooks;
using SalesCoach.Coaching.Signals;
using SalesCoach.Coaching.Tips;
using SalesCoach.Storage.Signals;
using SalesCoach.Storage.Texts;

namespace SalesCoach.Coaching.Summaries;

/// <summary>Builds the completion summary from what was stored: segments (with their signals), tips and content events.</summary>
public static class SummaryBuilder
{
    /// <summary>Customer turns after the rep's answer in which a repeat of the same objection means it was not handled.</summary>
    public const int RepeatWindowCustomerTurns = 3;

    private const int MaxUtterancesPerSignal = 20;
    private static readonly string[] UsedTypes = ["open", "share", "used"];

    public static InteractionSummary Build(
        Interaction interaction,
        IReadOnlyList<StoredSegment> segments,
        IReadOnlyList<Tip> tips,
        IReadOnlyList<(string ContentId, string Type)> contentEvents,
        Playbook playbook,
        DateTimeOffset completedAt)
    {
        var tracker = new MetricsTracker();
        var labelled = new List<(StoredSegment Segment, IReadOnlyList<SignalScore> Signals)>(segments.Count);
        foreach (var segment in segments)
        {
            tracker.Add(SegmentFacts.From(new SegmentInput(segment.Seq, segment.Speaker, segment.Text, segment.StartMs, segment.EndMs), segment.Text, interaction.Language));
            var signals = (JsonSerializer.Deserialize<List<SignalScore>>(segment.SignalsJson, CoachingJson.Options) ?? [])
                .Where(s => s.Score >= playbook.Thresholds.SignalScore && TipEngine.Counts(s.Label, segment.Speaker)).ToList();
            labelled.Add((segment, signals));
        }

        var texts = SummaryTexts.For(interaction.Language);
        var metrics = tracker.Snapshot();
        var signalSummaries = SignalLabels.All
            .Select(label => (label, hits: labelled.Where(l => l.Signals.Any(s => s.Label == label)).ToList()))
            .Where(x => x.hits.Count > 0)
            .Select(x => new SignalSummary(x.label, x.hits.Count, x.hits.Take(MaxUtterancesPerSignal)
                .Select(h => ToUtterance(h.Segment, h.Signals.First(s => s.Label == x.label).Score)).ToList(), texts.SignalName(x.label)))
            .ToList();
        var objections = Objections(labelled, playbook.Thresholds.ObjectionAnswerTurns, texts);
        var nextSteps = labelled.Where(l => l.Signals.Any(s => s.Label == SignalLabels.NextStep))
            .Select(l => ToUtterance(l.Segment, l.Signals.First(s => s.Label == SignalLabels.NextStep).Score)).ToList();

        var warnings = new List<LocalizedText>();
        if (nextSteps.Count == 0)
        {
            warnings.Add(LocalizedText.Create(SummaryPhraseCodes.NoNextStep, texts.NoNextStep));
        }

        var unhandled = objections.Count(o => !o.Handled);
        if (unhandled > 0)
        {
            warnings.Add(LocalizedText.Create(SummaryPhraseCodes.ObjectionsNotHandled, texts.ObjectionsNotHandled(unhandled), ("count", Invariant(unhandled))));
        }

        var used = contentEvents.Where(e => UsedTypes.Contains(e.Type)).Select(e => e.ContentId).Distinct().ToList();
        var recommended = tips.SelectMany(t => t.ContentIds).Concat(contentEvents.Select(e => e.ContentId)).Distinct().ToList();
        var phrases = Describe(texts, metrics, signalSummaries, objections, nextSteps);
        var text = string.Join(texts.SentenceSeparator, phrases.Select(p => p.Text));
        return new InteractionSummary(interaction.Id, text, metrics, signalSummaries, objections, nextSteps, [.. warnings.Select(w => w.Text)],
            used, recommended, tips.Count, completedAt, texts.Language, phrases, warnings);
    }

    private static List<ObjectionOutcome> Objections(List<(StoredSegment Segment, IReadOnlyList<SignalScore> Signals)> labelled, int answerTurns, SummaryTexts texts)
    {
        var outcomes = new List<ObjectionOutcome>();
        for (var i = 0; i < labelled.Count; i++)
        {
            var (segment, signals) = labelled[i];
            if (segment.Speaker != Speakers.Customer)
            {
                continue;
            }

            foreach (var label in signals.Select(s => s.Label).Where(SignalLabels.IsObjection))
            {
                var answer = labelled.Skip(i + 1).Take(answerTurns).FirstOrDefault(l => l.Segment.Speaker == Speakers.Rep).Segment;
                StoredSegment? repeat = null;
                if (answer is not null)
                {
                    var answerIndex = labelled.FindIndex(l => l.Segment.Seq == answer.Seq);
                    repeat = labelled.Skip(answerIndex + 1).Where(l => l.Segment.Speaker == Speakers.Customer).Take(RepeatWindowCustomerTurns)
                        .FirstOrDefault(l => l.Signals.Any(s => s.Label == label)).Segment;
                }

                outcomes.Add(new ObjectionOutcome(label, segment.Seq, segment.Text, answer is not null && repeat is null, answer?.Seq, repeat?.Seq,
                    texts.SignalName(label)));
            }
        }

        return outcomes;
    }

    private static Utterance ToUtterance(StoredSegment segment, float score) => new(segment.Seq, segment.Speaker, segment.Text, score);

    private static List<LocalizedText> Describe(
        SummaryTexts t, ConversationMetrics m, List<SignalSummary> signals, List<ObjectionOutcome> objections, List<Utterance> nextSteps)
    {
        var duration = TimeSpan.FromMilliseconds(m.DurationMs);
        var phrases = new List<LocalizedText>
        {
            LocalizedText.Create(SummaryPhraseCodes.Overview,
                t.Overview(duration.ToString(duration.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture), m.Segments),
                ("durationMs", Invariant(m.DurationMs)), ("segments", Invariant(m.Segments))),
            LocalizedText.Create(SummaryPhraseCodes.Talk,
                t.Talk((int)Math.Round(m.TalkShare.Rep * 100, MidpointRounding.AwayFromZero), m.Questions.Rep, m.Questions.Customer),
                ("repTalkShare", m.TalkShare.Rep.ToString("0.###", CultureInfo.InvariantCulture)), ("repQuestions", Invariant(m.Questions.Rep)),
                ("customerQuestions", Invariant(m.Questions.Customer))),
        };
        if (objections.Count > 0)
        {
            var labels = objections.Select(o => o.Label).Distinct().ToList();
            var handled = objections.Count(o => o.Handled);
            phrases.Add(LocalizedText.Create(SummaryPhraseCodes.Objections,
                t.Objections(objections.Count, string.Join(t.ListSeparator, labels.Select(t.ObjectionTopic)), handled),
                ("count", Invariant(objections.Count)), ("handled", Invariant(handled)), ("labels", string.Join(',', labels))));
        }

        var buying = signals.FirstOrDefault(s => s.Label == SignalLabels.BuyingSignal)?.Count ?? 0;
        if (buying > 0)
        {
            phrases.Add(LocalizedText.Create(SummaryPhraseCodes.BuyingSignals, t.BuyingSignals(buying), ("count", Invariant(buying))));
        }

        phrases.Add(nextSteps.Count > 0
            ? LocalizedText.Create(SummaryPhraseCodes.NextStep, t.NextStep(nextSteps[^1].Text), ("seq", Invariant(nextSteps[^1].Seq)), ("text", nextSteps[^1].Text))
            : LocalizedText.Create(SummaryPhraseCodes.NoNextStep, t.NoNextStep));
        return phrases;
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
