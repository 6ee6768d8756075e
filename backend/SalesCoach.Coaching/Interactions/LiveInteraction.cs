using SalesCoach.Coaching.Metrics;
using SalesCoach.Coaching.Tips;

namespace SalesCoach.Coaching.Interactions;

/// <summary>
/// What this replica keeps in memory for an interaction that is receiving segments: the
/// metrics state, cooldowns and the event counter. Appends to one interaction are
/// serialised by <see cref="Gate"/>, which also keeps event ids gap-free and in order.
/// </summary>
public sealed class LiveInteraction(Interaction interaction, long lastEventId)
{
    private volatile bool _evicted;

    public Interaction Interaction { get; } = interaction;

    /// <summary>
    /// Dropped from <see cref="LiveInteractions"/> (stale, failed, completed or idle): a call that was waiting on its
    /// gate takes the current state instead.
    /// </summary>
    public bool Evicted => _evicted;

    /// <summary>The customer's consent as last recorded (it can change during the call, under <see cref="Gate"/>).</summary>
    public bool? Consent { get; set; } = interaction.Consent;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public MetricsTracker Metrics { get; } = new();

    public TipCooldowns Cooldowns { get; } = new();

    public bool NextStepSeen { get; set; }

    public bool Completed { get; set; }

    public long LastEventId { get; set; } = lastEventId;

    public long LastUsedTicks { get; set; }

    internal void MarkEvicted() => _evicted = true;
}
