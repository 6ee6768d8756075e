using System.Text.Json;
using SalesCoach.Coaching.Metrics;
using SalesCoach.Coaching.Playbooks;
using SalesCoach.Coaching.Signals;
using SalesCoach.Coaching.Tips;
using SalesCoach.Storage.Privacy;

namespace SalesCoach.Coaching.Interactions;

public enum AppendStatus
{
    Appended,
    NotFound,
    Completed,

    /// <summary>The customer refused consent on this interaction: nothing of it is processed or stored.</summary>
    ConsentRefused,

    /// <summary>The tenant requires consent and none is recorded on this interaction yet.</summary>
    ConsentMissing,
}

public sealed record AppendResult(AppendStatus Status, IReadOnlyList<Tip> Tips, ConversationMetrics? Metrics, int Accepted);

/// <summary>
/// The per-segment pipeline: redact, update metrics, classify, apply the playbook, then
/// store segments, tips and events in one transaction and publish the events. Segments
/// whose seq is already known are skipped (idempotent retries); late segments are folded
/// into the metrics in seq order (see <see cref="MetricsTracker"/>). Segments of an interaction
/// whose customer refused consent, or that has none recorded while the tenant requires it, are
/// refused before anything is looked at.
/// </summary>
public sealed class SegmentAppender(
    LiveInteractions live, InteractionStore store, PlaybookStore playbooks, PrivacySettingsStore privacy, ISignalClassifier classifier,
    IInteractionEventBus bus)
{
    public async Task<AppendResult> AppendAsync(
        string tenantId, string interactionId, IReadOnlyList<SegmentInput> segments, CancellationToken cancellationToken = default)
    {
        var state = await live.GetAsync(tenantId, interactionId, cancellationToken);
        if (state is null)
        {
            return new AppendResult(AppendStatus.NotFound, [], null, 0);
        }

        var playbook = await playbooks.GetAsync(tenantId, cancellationToken);
        var consentRequired = (await privacy.GetCachedAsync(tenantId, cancellationToken)).ConsentRequired;
        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            if (state.Completed)
            {
                return new AppendResult(AppendStatus.Completed, [], null, 0);
            }

            if (state.Consent == false || (state.Consent is null && consentRequired))
            {
                return new AppendResult(state.Consent == false ? AppendStatus.ConsentRefused : AppendStatus.ConsentMissing, [], null, 0);
            }

            try
            {
                return await AppendLockedAsync(state, playbook, segments, cancellationToken);
            }
            catch
            {
                // Memory may be ahead of the store now; the next call rebuilds it from what was committed.
                live.Evict(tenantId, interactionId);
                throw;
            }
        }
        finally
        {
            state.Gate.Release();
        }
    }

    private async Task<AppendResult> AppendLockedAsync(
        LiveInteraction state, ActivePlaybook playbook, IReadOnlyList<SegmentInput> segments, CancellationToken cancellationToken)
    {
        var interaction = state.Interaction;
        var language = interaction.Language;
        var stored = new List<StoredSegment>(segments.Count);
        var tips = new List<Tip>();
        var seen = new HashSet<long>();
        foreach (var segment in segments.OrderBy(s => s.Seq))
        {
            if (!seen.Add(segment.Seq) || state.Metrics.Contains(segment.Seq))
            {
                continue;
            }

            var text = PiiRedactor.Redact(segment.Text);
            state.Metrics.Add(SegmentFacts.From(segment, text, language));
            var signals = playbook.Rules.Apply(text, classifier.Classify(interaction.TenantId, text, language));
            state.NextStepSeen |= signals.Any(s => s.Label == SignalLabels.NextStep && s.Score >= playbook.Playbook.Thresholds.SignalScore);
            stored.Add(new StoredSegment(segment.Seq, segment.Speaker, text, segment.StartMs, segment.EndMs, LiveInteractions.SignalsJson(signals)));
            tips.AddRange(TipEngine.Evaluate(
                playbook.Playbook, language, segment, signals, state.Metrics.Snapshot(), state.Cooldowns, state.NextStepSeen));
        }

        var metrics = state.Metrics.Snapshot();
        if (stored.Count == 0)
        {
            return new AppendResult(AppendStatus.Appended, [], metrics, 0);
        }

        var eventId = state.LastEventId;
        var events = new List<InteractionEvent>(tips.Count + 1);
        var storedTips = new List<StoredTip>(tips.Count);
        foreach (var tip in tips)
        {
            var body = JsonSerializer.Serialize(tip, CoachingJson.Options);
            var conversationMs = segments.First(s => s.Seq == tip.SegmentSeq).EndMs;
            storedTips.Add(new StoredTip(tip.Id, tip.Kind, tip.SegmentSeq, conversationMs, body));
            events.Add(new InteractionEvent(interaction.TenantId, interaction.Id, ++eventId, InteractionEventTypes.Tip, body));
        }

        events.Add(new InteractionEvent(interaction.TenantId, interaction.Id, ++eventId, InteractionEventTypes.Metrics,
            JsonSerializer.Serialize(metrics, CoachingJson.Options)));
        await store.SaveAppendAsync(interaction.TenantId, interaction.Id, stored, storedTips, events, cancellationToken);
        state.LastEventId = eventId;
        bus.Publish(interaction.TenantId, interaction.Id, events);
        return new AppendResult(AppendStatus.Appended, tips, metrics, stored.Count);
    }

    /// <summary>Appends events that come from outside the segment pipeline (content updates) under the same gate.</summary>
    public async Task<bool> AppendEventAsync(string tenantId, string interactionId, string type, string data, CancellationToken cancellationToken = default)
    {
        var state = await live.GetAsync(tenantId, interactionId, cancellationToken);
        if (state is null)
        {
            return false;
        }

        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            if (state.Completed)
            {
                return false;
            }

            var e = new InteractionEvent(tenantId, interactionId, state.LastEventId + 1, type, data);
            try
            {
                await store.AppendEventsAsync([e], cancellationToken);
            }
            catch
            {
                live.Evict(tenantId, interactionId);
                throw;
            }

            state.LastEventId = e.Id;
            bus.Publish(tenantId, interactionId, [e]);
            return true;
        }
        finally
        {
            state.Gate.Release();
        }
    }
}
