using System.Collections.Concurrent;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Auth;

/// <summary>
/// Remembers resolved tenant keys for a short time, so a live call posting a segment every
/// second does not read the key table on every request. Only hits are cached (an attacker
/// trying random keys cannot grow it), entries expire after <see cref="Lifetime"/>, and the
/// map is bounded. A key revoked in the store keeps working on this replica until its entry
/// expires.
/// </summary>
public sealed class ApiKeyCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (ApiKeyIdentity Identity, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string keyHash, out ApiKeyIdentity identity)
    {
        if (_entries.TryGetValue(keyHash, out var entry) && entry.Expires > time.GetUtcNow())
        {
            identity = entry.Identity;
            return true;
        }

        identity = null!;
        return false;
    }

    public void Add(string keyHash, ApiKeyIdentity identity)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[keyHash] = (identity, time.GetUtcNow() + Lifetime);
    }
}
