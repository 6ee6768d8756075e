using System.Collections.Concurrent;
using System.Text.Json;
using SalesCoach.Coaching.Metrics;
using SalesCoach.Coaching.Signals;

namespace SalesCoach.Coaching.Interactions;

/// <summary>
/// The in-memory state of live interactions, rebuilt from the store on first use (after a
/// restart, or on another replica) and dropped when completed or idle. With a bus that spans
/// replicas (<see cref="ILiveInteractionWatch"/>), another replica's append drops it too.
/// </summary>
public sealed class LiveInteractions(InteractionStore store, TimeProvider time, IInteractionEventBus bus)
{
    public static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(30);
    private const int SweepEvery = 4096;

    private readonly ConcurrentDictionary<(string, string), LiveInteraction> _live = new();
    private readonly ILiveInteractionWatch? _watch = bus as ILiveInteractionWatch;
    private int _calls;
    private long _staleSeen;

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
            live = _watch is null ? await LoadAndAddAsync(key, cancellationToken) : await LoadWatchedAsync(key, cancellationToken);
            if (live is null)
            {
                return null;
            }
        }

        live.LastUsedTicks = time.GetTimestamp();
        return live;
    }

    /// <summary>Forgets the in-memory state (on completion, or after a failed write so the next call reloads the truth).</summary>
    public void Evict(string tenantId, string interactionId) => Remove((tenantId, interactionId));

    private void Remove((string TenantId, string InteractionId) key)
    {
        if (_live.TryRemove(key, out _))
        {
            _watch?.Unwatch(key.TenantId, key.InteractionId);
        }
    }

    private void Sweep()
    {
        foreach (var (key, live) in _live)
        {
            if (time.GetElapsedTime(live.LastUsedTicks) > IdleAfter)
            {
                Remove(key);
            }
        }
    }

    private async Task<LiveInteraction?> LoadAndAddAsync((string TenantId, string InteractionId) key, CancellationToken cancellationToken) =>
        await LoadAsync(key.TenantId, key.InteractionId, cancellationToken) is { } loaded ? _live.GetOrAdd(key, loaded) : null;

    /// <summary>
    /// Watches before reading, so no other replica's append can fall between the read and the watch. A stale notice
    /// that arrives while the read runs may concern what was read, so the read is repeated.
    /// </summary>
    private async Task<LiveInteraction?> LoadWatchedAsync((string TenantId, string InteractionId) key, CancellationToken cancellationToken)
    {
        var (tenantId, interactionId) = key;
        await _watch!.WatchAsync(tenantId, interactionId, () => Stale(key), cancellationToken);
        LiveInteraction? loaded;
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var staleBefore = Interlocked.Read(ref _staleSeen);
                loaded = await LoadAsync(tenantId, interactionId, cancellationToken);
                if (loaded is null || attempt == 2 || Interlocked.Read(ref _staleSeen) == staleBefore)
                {
                    break;
                }
            }
        }
        catch
        {
            _watch.Unwatch(tenantId, interactionId);
            throw;
        }

        var live = loaded is null ? null : _live.GetOrAdd(key, loaded);
        if (live != loaded)
        {
            // Not found, or another call added its copy (and holds the watch for it) first.
            _watch.Unwatch(tenantId, interactionId);
        }

        return live;
    }

    private void Stale((string TenantId, string InteractionId) key)
    {
        Interlocked.Increment(ref _staleSeen);
        Remove(key);
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
