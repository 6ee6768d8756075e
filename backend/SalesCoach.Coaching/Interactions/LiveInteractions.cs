using System.Collections.Concurrent;
using System.Text.Json;
using SalesCoach.Coaching.Metrics;
using SalesCoach.Coaching.Signals;
using SalesCoach.Storage.Signals;

namespace SalesCoach.Coaching.Interactions;

/// <summary>
/// The in-memory state of live interactions: registered when this replica creates one, rebuilt from the store on first
/// use otherwise (after a restart, or on another replica), and dropped when completed or idle. With a bus that spans
/// replicas (<see cref="ILiveInteractionWatch"/>), another replica's append drops it too.
/// </summary>
public sealed class LiveInteractions(InteractionStore store, TimeProvider time, IInteractionEventBus bus)
{
    public static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(30);
    private const int SweepEvery = 4096;

    private readonly ConcurrentDictionary<(string, string), LiveInteraction> _live = new();
    private readonly ILiveInteractionWatch? _watch = bus as ILiveInteractionWatch;

    // Stale notices per interaction, counted only while a load of it runs, so this holds no more entries than loads in
    // flight. The lock also orders a notice against a load's final check and add (see LoadWatchedAsync).
    private readonly Dictionary<(string, string), Loading> _loading = [];
    private readonly Lock _loadingLock = new();
    private int _calls;
    private long _storeLoads;

    public int Count => _live.Count;

    /// <summary>Loads from the store so far (several reads each): interactions this replica did not create, or no longer holds.</summary>
    internal long StoreLoads => Interlocked.Read(ref _storeLoads);

    /// <summary>Interactions with a load in flight now (each holds a stale-notice counter).</summary>
    internal int LoadsInFlight
    {
        get
        {
            lock (_loadingLock)
            {
                return _loading.Count;
            }
        }
    }

    /// <summary>
    /// Creates a live interaction and holds its state from the start: a new interaction is known to be empty, so its
    /// first segment needs no read from the store. With a bus across replicas it is watched before it is stored, as a
    /// load is, so no other replica's append is missed.
    /// </summary>
    public async Task<Interaction> CreateAsync(string tenantId, NewInteraction request, CancellationToken cancellationToken = default)
    {
        CountCall();
        var interaction = store.New(tenantId, request);
        var key = (tenantId, interaction.Id);
        if (_watch is not null)
        {
            await _watch.WatchAsync(tenantId, interaction.Id, () => Stale(key), cancellationToken);
        }

        try
        {
            await store.InsertAsync(interaction, cancellationToken);
        }
        catch
        {
            _watch?.Unwatch(tenantId, interaction.Id);
            throw;
        }

        // Nobody else knows the id before this returns, so nothing can have made this state stale, nor added another.
        _live[key] = new LiveInteraction(interaction, 0) { LastUsedTicks = time.GetTimestamp() };
        return interaction;
    }

    public async Task<LiveInteraction?> GetAsync(string tenantId, string interactionId, CancellationToken cancellationToken)
    {
        CountCall();
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

    /// <summary>Forgets <paramref name="state"/> if it is still the one held (a newer copy another call loaded stays).</summary>
    public void Evict(LiveInteraction state)
    {
        var key = (state.Interaction.TenantId, state.Interaction.Id);
        if (_live.TryRemove(new KeyValuePair<(string, string), LiveInteraction>(key, state)))
        {
            Removed(key, state);
        }
    }

    /// <summary>
    /// After an interaction was deleted from the store (erasure, retention purge): an append already holding its state
    /// finishes first or then finds it completed, the state is dropped, and open streams end, here and on other replicas
    /// (which drop their state too). A call after this reads the store and finds nothing.
    /// </summary>
    public async Task ForgetDeletedAsync(string tenantId, string interactionId)
    {
        var key = (tenantId, interactionId);
        if (_live.TryGetValue(key, out var state))
        {
            await state.Gate.WaitAsync();
            state.Completed = true;
            state.Gate.Release();
            Remove(key);
        }

        bus.Publish(tenantId, interactionId, [new InteractionEvent(tenantId, interactionId, long.MaxValue, InteractionEventTypes.Completed, "{}")]);
    }

    private void Remove((string TenantId, string InteractionId) key)
    {
        if (_live.TryRemove(key, out var removed))
        {
            Removed(key, removed);
        }
    }

    private void Removed((string TenantId, string InteractionId) key, LiveInteraction removed)
    {
        removed.MarkEvicted();
        _watch?.Unwatch(key.TenantId, key.InteractionId);
    }

    private void CountCall()
    {
        if (Interlocked.Increment(ref _calls) % SweepEvery == 0)
        {
            Sweep();
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
    /// for this interaction that arrives while the read runs may concern what was read, so the read is repeated (up to
    /// three reads); one that arrives after the state is added evicts it. Notices for other interactions do not count.
    /// </summary>
    private async Task<LiveInteraction?> LoadWatchedAsync((string TenantId, string InteractionId) key, CancellationToken cancellationToken)
    {
        var (tenantId, interactionId) = key;
        var loading = BeginLoading(key);
        try
        {
            await _watch!.WatchAsync(tenantId, interactionId, () => Stale(key), cancellationToken);
            LiveInteraction? live = null;
            try
            {
                for (var attempt = 0; live is null; attempt++)
                {
                    int staleBefore;
                    lock (_loadingLock)
                    {
                        staleBefore = loading.StaleNotices;
                    }

                    var loaded = await LoadAsync(tenantId, interactionId, cancellationToken);
                    if (loaded is null)
                    {
                        break;
                    }

                    lock (_loadingLock)
                    {
                        // Under the lock that Stale takes: a notice either came before this check (read again) or
                        // comes after the add (and evicts what was added).
                        if (attempt == 2 || loading.StaleNotices == staleBefore)
                        {
                            live = _live.GetOrAdd(key, loaded);
                            if (live != loaded)
                            {
                                // Another call added its copy (and holds the watch for it) first.
                                _watch.Unwatch(tenantId, interactionId);
                            }
                        }
                    }
                }
            }
            catch
            {
                _watch.Unwatch(tenantId, interactionId);
                throw;
            }

            if (live is null)
            {
                _watch.Unwatch(tenantId, interactionId);
            }

            return live;
        }
        finally
        {
            EndLoading(key, loading);
        }
    }

    private Loading BeginLoading((string, string) key)
    {
        lock (_loadingLock)
        {
            if (!_loading.TryGetValue(key, out var loading))
            {
                _loading[key] = loading = new Loading();
            }

            loading.Loads++;
            return loading;
        }
    }

    private void EndLoading((string, string) key, Loading loading)
    {
        lock (_loadingLock)
        {
            if (--loading.Loads == 0)
            {
                _loading.Remove(key);
            }
        }
    }

    private void Stale((string TenantId, string InteractionId) key)
    {
        lock (_loadingLock)
        {
            if (_loading.TryGetValue(key, out var loading))
            {
                loading.StaleNotices++;
            }

            Remove(key);
        }
    }

    private async Task<LiveInteraction?> LoadAsync(string tenantId, string interactionId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _storeLoads);
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

    private sealed class Loading
    {
        public int Loads { get; set; }

        public int StaleNotices { get; set; }
    }

    internal static string SignalsJson(IReadOnlyList<SignalScore> signals) =>
        signals.Count == 0 ? "[]" : JsonSerializer.Serialize(signals, CoachingJson.Options);
}
