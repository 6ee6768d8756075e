namespace SalesCoach.Coaching.Interactions;

/// <summary>
/// Implemented by an event bus that carries events between replicas. <see cref="LiveInteractions"/> watches every
/// interaction whose state it holds in memory, so that an append made by another replica makes this replica's copy
/// stale (evicted, then rebuilt from the store on the next call) instead of silently diverging.
/// </summary>
public interface ILiveInteractionWatch
{
    /// <summary>
    /// Starts watching before the state is read from the store; from then on <paramref name="stale"/> is called when
    /// another replica publishes an event of this interaction. Calls are counted: each needs one <see cref="Unwatch"/>.
    /// </summary>
    ValueTask WatchAsync(string tenantId, string interactionId, Action stale, CancellationToken cancellationToken);

    void Unwatch(string tenantId, string interactionId);
}
