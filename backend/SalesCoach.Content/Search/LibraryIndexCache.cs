using System.Collections.Concurrent;
using SalesCoach.Content.Library;

namespace SalesCoach.Content.Search;

/// <summary>
/// One <see cref="LibrarySnapshot"/> per tenant, rebuilt when the tenant's library revision in
/// the store moves on. The revision lives in the store, so a write on any replica makes every
/// replica reload; a request costs one primary-key lookup while nothing changes.
/// </summary>
public sealed class LibraryIndexCache(ContentStore store)
{
    private readonly ConcurrentDictionary<string, LibrarySnapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async Task<LibrarySnapshot> GetAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var revision = await store.RevisionAsync(tenantId, cancellationToken);
        if (_snapshots.TryGetValue(tenantId, out var current) && current.Revision == revision)
        {
            return current;
        }

        var gate = _locks.GetOrAdd(tenantId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (_snapshots.TryGetValue(tenantId, out current) && current.Revision >= revision)
            {
                return current;
            }

            var (loadedRevision, items) = await store.LoadActiveAsync(tenantId, cancellationToken);
            var snapshot = LibrarySnapshot.Build(loadedRevision, items);
            _snapshots[tenantId] = snapshot;
            return snapshot;
        }
        finally
        {
            gate.Release();
        }
    }
}
