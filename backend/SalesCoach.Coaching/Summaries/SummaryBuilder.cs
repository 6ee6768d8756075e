using System.Globalization;
using System.Text;
using System.Text.Json;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Metrics;
using SalesCoach.Coaching.Playbooks;
using SalesCoach.Coaching.Signals;
using SalesCoach.Coaching.Tips;

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
                .Where(s => s.Score >= playbook.Thresholds.SignalScore).ToList();
            labelled.Add((segment, signals));
        }

        var metrics = tracker.Snapshot();
        var signalSummaries = SignalLabels.All
            .Select(label => (label, hits: labelled.Where(l => l.Signals.Any(s => s.Label == label)).ToList()))
            .Where(x => x.hits.Count > 0)
            .Select(x => new SignalSummary(x.label, x.hits.Count, x.hits.Take(MaxUtterancesPerSignal)
                .Select(h => ToUtterance(h.Segment, h.Signals.First(s => s.Label == x.label).Score)).ToList()))
            .ToList();
        var objections = Objections(labelled, playbook.Thresholds.ObjectionAnswerTurns);
        var nextSteps = labelled.Where(l => l.Signals.Any(s => s.Label == SignalLabels.NextStep))
            .Select(l => ToUtterance(l.Segment, l.Signals.First(s => s.Label == SignalLabels.NextStep).Score)).ToList();

        var warnings = new List<string>();
        if (nextSteps.Count == 0)
        {
            warnings.Add("No next step was agreed.");
        }

        var unhandled = objections.Count(o => !o.Handled);
        if (unhandled > 0)
        {
            warnings.Add($"{unhandled} objection(s) were not handled.");
        }

        var used = contentEvents.Where(e => UsedTypes.Contains(e.Type)).Select(e => e.ContentId).Distinct().ToList();
        var recommended = tips.SelectMany(t => t.ContentIds).Concat(contentEvents.Select(e => e.ContentId)).Distinct().ToList();
        var text = Describe(metrics, signalSummaries, objections, nextSteps);
        return new InteractionSummary(interaction.Id, text, metrics, signalSummaries, objections, nextSteps, warnings, used, recommended, tips.Count, completedAt);
    }

    private static List<ObjectionOutcome> Objections(List<(StoredSegment Segment, IReadOnlyList<SignalScore> Signals)> labelled, int answerTurns)
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

                outcomes.Add(new ObjectionOutcome(label, segment.Seq, segment.Text, answer is not null && repeat is null, answer?.Seq, repeat?.Seq));
            }
        }

        return outcomes;
    }

    private static Utterance ToUtterance(StoredSegment segment, float score) => new(segment.Seq, segment.Speaker, segment.Text, score);

    private static string Describe(ConversationMetrics m, List<SignalSummary> signals, List<ObjectionOutcome> objections, List<Utterance> nextSteps)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var duration = TimeSpan.FromMilliseconds(m.DurationMs);
        text.Append(c, $"{(int)duration.TotalMinutes}m {duration.Seconds:00}s, {m.Segments} segments. ");
        text.Append(c, $"Rep talk share {m.TalkShare.Rep:P0}, rep questions {m.Questions.Rep}, customer questions {m.Questions.Customer}. ");
        if (objections.Count > 0)
        {
            var labels = string.Join(", ", objections.Select(o => o.Label["objection_".Length..]).Distinct());
            text.Append(c, $"Objections: {objections.Count} ({labels}), {objections.Count(o => o.Handled)} handled. ");
        }

        var buying = signals.FirstOrDefault(s => s.Label == SignalLabels.BuyingSignal)?.Count ?? 0;
        if (buying > 0)
        {
            text.Append(c, $"Buying signals: {buying}. ");
        }

        text.Append(nextSteps.Count > 0 ? $"Next step: \"{nextSteps[^1].Text}\"" : "No next step was agreed.");
        return text.ToString().Trim();
    }
}
