using System.Collections.Concurrent;

namespace SalesCoach.Crm.HubSpot;

/// <summary>
/// Signatures seen inside the acceptance window, kept until their timestamp can no longer pass.
/// In process: behind several replicas the window check still holds, and a replay must then also
/// land on the same replica; the README notes where a shared cache would go.
/// </summary>
public sealed class SignatureReplayCache(TimeProvider time)
{
    /// <summary>A bound on memory: past it, new signatures are refused until old ones expire (fail closed).</summary>
    public const int MaxEntries = 200_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private long _nextSweepTicks;

    public int Count => _seen.Count;

    /// <summary>True the first time a signature is presented before <paramref name="forgetAfter"/>; false for a replay.</summary>
    public bool TryRemember(string signature, DateTimeOffset forgetAfter)
    {
        var now = time.GetUtcNow();
        Sweep(now);
        if (_seen.Count >= MaxEntries)
        {
            return false;
        }

        if (_seen.TryAdd(signature, forgetAfter))
        {
            return true;
        }

        // An entry that outlived its window may be reused; a live one is a replay.
        return _seen.TryGetValue(signature, out var until) && until < now && _seen.TryUpdate(signature, forgetAfter, until);
    }

    private void Sweep(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, now.UtcTicks + TimeSpan.TicksPerSecond * 30, next) != next)
        {
            return;
        }

        foreach (var (signature, until) in _seen)
        {
            if (until < now)
            {
                _seen.TryRemove(signature, out _);
            }
        }
    }
}
