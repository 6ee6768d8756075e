namespace SalesCoach.Coaching.Tips;

/// <summary>
/// When each tip kind last fired, in conversation time (segment end, ms). Conversation
/// time rather than wall time keeps cooldowns right when a transcript is replayed faster
/// than real time or segments arrive in bursts from a telephony buffer.
/// </summary>
public sealed class TipCooldowns
{
    private readonly Dictionary<string, long> _lastFiredMs = new(StringComparer.Ordinal);

    public bool IsCooling(string kind, long nowMs, int cooldownSeconds) =>
        _lastFiredMs.TryGetValue(kind, out var last) && Math.Abs(nowMs - last) < cooldownSeconds * 1000L;

    public void Fired(string kind, long nowMs) => _lastFiredMs[kind] = nowMs;

    public bool HasFired(string kind) => _lastFiredMs.ContainsKey(kind);
}
