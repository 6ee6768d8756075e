using System.Collections.Concurrent;
using System.Text.Json;
using SalesCoach.Coaching.Metrics;
using SalesCoach.Coaching.Signals;

namespace SalesCoach.Coaching.Interactions;

/// <summary>
/// The in-memory state of live interactions, rebuilt from the store on first use (after a
/// restart, or on another replica) and dropped when completed or idle.
/// </summary>
public sealed class LiveInteractions(InteractionStore store, TimeProvider time)
{
    public static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(30);
    private const int SweepEvery = 4096;

    private readonly ConcurrentDictionary<(string, string), LiveInteraction> _live = new();
    private int _calls;

    public int Count => _live.Count;

    public async Task<LiveInteraction?> GetAsync(string tenantId, string interactionId, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _calls) % SweepEvery == 0)
        {
            Sweep();
        }

        var key = (tenantId, interactionId);
        if (!_live.TryGetValue(key, out var live))
        {
            var loaded = await LoadAsync(tenantId, interactionId, cancellationToken);
            if (loaded is null)
            {
                return null;
            }

            live = _live.GetOrAdd(key, loaded);
        }

        live.LastUsedTicks = time.GetTimestamp();
        return live;
    }

    /// <summary>Forgets the in-memory state (on completion, or after a failed write so the next call reloads the truth).</summary>
    public void Evict(string tenantId, string interactionId) => _live.TryRemove((tenantId, interactionId), out _);

    private void Sweep()
    {
        foreach (var (key, live) in _live)
        {
            if (time.GetElapsedTime(live.LastUsedTicks) > IdleAfter)
            {
                _live.TryRemove(key, out _);
            }
        }
    }

    private async Task<LiveInteraction?> LoadAsync(string tenantId, string interactionId, CancellationToken cancellationToken)
    {
        var interaction = await store.FindAsync(tenantId, interactionId, cancellationToken);
        if (interaction is null)
        {
            return null;
        }

        var (lastTips, lastEventId) = await store.LoadLiveStateAsync(tenantId, interactionId, cancellationToken);
        var live = new LiveInteraction(interaction, lastEventId) { Completed = interaction.Status == InteractionStatus.Completed };
        if (live.Completed)
        {
            return live;
        }

        foreach (var segment in await store.LoadSegmentsAsync(tenantId, interactionId, cancellationToken))
        {
            var input = new SegmentInput(segment.Seq, segment.Speaker, segment.Text, segment.StartMs, segment.EndMs);
            live.Metrics.Add(SegmentFacts.From(input, segment.Text, interaction.Language));
            live.NextStepSeen |= segment.SignalsJson.Contains(SignalLabels.NextStep, StringComparison.Ordinal);
        }

        foreach (var (kind, ms) in lastTips)
        {
            live.Cooldowns.Fired(kind, ms);
        }

        return live;
    }

    internal static string SignalsJson(IReadOnlyList<SignalScore> signals) =>
        signals.Count == 0 ? "[]" : JsonSerializer.Serialize(signals, CoachingJson.Options);
}
