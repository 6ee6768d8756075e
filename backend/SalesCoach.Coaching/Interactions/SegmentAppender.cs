using System.Text.Json;
using SalesCoach.Coaching.Metrics;
using SalesCoach.Coaching.Playbooks;
using SalesCoach.Coaching.Signals;
using SalesCoach.Coaching.Tips;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Privacy;
using SalesCoach.Storage.Signals;

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
/// refused before anything is looked at. An append whose interaction was erased or purged meanwhile,
/// by any replica, writes nothing and answers <see cref="AppendStatus.NotFound"/>, as for an unknown one.
/// </summary>
/// <remarks>
/// With several replicas, another one may have appended to the interaction since this replica's state was built (its
/// stale notice travels through the broker and can arrive after this append starts). The event ids computed here are
/// then taken, the store refuses the whole append (a key violation), and the append runs again on state rebuilt from
/// the store, which holds the other replica's segments, tips and events: the caller gets its answer, not an error.
/// </remarks>
public sealed class SegmentAppender(
    LiveInteractions live, InteractionStore store, PlaybookStore playbooks, PrivacySettingsStore privacy, ISignalClassifier classifier,
    IInteractionEventBus bus)
{
    /// <summary>Runs of one append: the first, then rebuilds after another replica took its event ids (or evicted the state it waited for).</summary>
    internal const int MaxRuns = 4;

    private static readonly AppendResult NotFound = new(AppendStatus.NotFound, [], null, 0);

    public async Task<AppendResult> AppendAsync(
        string tenantId, string interactionId, IReadOnlyList<SegmentInput> segments, CancellationToken cancellationToken = default)
    {
        ActivePlaybook? playbook = null;
        var consentRequired = (await privacy.GetCachedAsync(tenantId, cancellationToken)).ConsentRequired;
        return await UnderGateAsync(
            tenantId, interactionId,
            NotFound,
            new AppendResult(AppendStatus.Completed, [], null, 0),
            async state => state.Consent == false || (state.Consent is null && consentRequired)
                ? new AppendResult(state.Consent == false ? AppendStatus.ConsentRefused : AppendStatus.ConsentMissing, [], null, 0)
                : await AppendLockedAsync(state, playbook ??= await playbooks.GetAsync(tenantId, cancellationToken), segments, cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="write"/> on the interaction's live state, holding its gate. A state dropped while this call
    /// waited for the gate is replaced by the current one. A write the store refuses on a key (another replica wrote
    /// first) runs again on state rebuilt from the store; any other failure drops the state (memory may be ahead of the
    /// store) and is thrown, and so is a refusal on the last run.
    /// </summary>
    private async Task<T> UnderGateAsync<T>(
        string tenantId, string interactionId, T notFound, T completed, Func<LiveInteraction, Task<T>> write, CancellationToken cancellationToken)
    {
        for (var run = 1; ; run++)
        {
            var state = await live.GetAsync(tenantId, interactionId, cancellationToken);
            if (state is null)
            {
                return notFound;
            }

            await state.Gate.WaitAsync(cancellationToken);
            try
            {
                if (state.Evicted && run < MaxRuns)
                {
                    continue;
                }

                if (state.Completed)
                {
                    return completed;
                }

                try
                {
                    return await write(state);
                }
                catch (Exception error) when (run < MaxRuns && SqlDatabase.IsConstraintViolation(error))
                {
                    live.Evict(state);
                }
                catch
                {
                    live.Evict(state);
                    throw;
                }
            }
            finally
            {
                state.Gate.Release();
            }
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
        if (!await store.SaveAppendAsync(interaction.TenantId, interaction.Id, stored, storedTips, events, cancellationToken))
        {
            // Erased or purged since this state was built (another replica's notice has not arrived yet): gone, as for a
            // call that never existed.
            live.Evict(state);
            return NotFound;
        }

        state.LastEventId = eventId;
        bus.Publish(interaction.TenantId, interaction.Id, events);
        return new AppendResult(AppendStatus.Appended, tips, metrics, stored.Count);
    }

    /// <summary>Appends events that come from outside the segment pipeline (content updates) under the same gate.</summary>
    public Task<bool> AppendEventAsync(string tenantId, string interactionId, string type, string data, CancellationToken cancellationToken = default) =>
        UnderGateAsync(tenantId, interactionId, false, false, async state =>
        {
            var e = new InteractionEvent(tenantId, interactionId, state.LastEventId + 1, type, data);
            if (!await store.AppendEventsAsync([e], cancellationToken))
            {
                live.Evict(state);
                return false;
            }

            state.LastEventId = e.Id;
            bus.Publish(tenantId, interactionId, [e]);
            return true;
        }, cancellationToken);
}
