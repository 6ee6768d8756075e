using System.Threading.Channels;

namespace SalesCoach.Api.Coaching.WriteBack;

/// <summary>
/// The in-process hand-off from the request that completed an interaction to <see cref="WriteBackWorker"/>. The row
/// in <see cref="WriteBackStore"/> is the durable record; this queue only wakes the worker, so losing it at a
/// shutdown loses nothing (pending rows are read again at start).
/// </summary>
public sealed class WriteBackQueue(WriteBackStore store)
{
    private readonly Channel<(string TenantId, string InteractionId)> _channel =
        Channel.CreateUnbounded<(string, string)>(new UnboundedChannelOptions { SingleReader = true });

    internal ChannelReader<(string TenantId, string InteractionId)> Reader => _channel.Reader;

    /// <summary>Records a pending job for a completed interaction (once) and wakes the worker; false when it is not completed.</summary>
    public async Task<bool> EnqueueAsync(string tenantId, string interactionId, CancellationToken cancellationToken)
    {
        if (!await store.AddAsync(tenantId, interactionId, cancellationToken))
        {
            return false;
        }

        Wake(tenantId, interactionId);
        return true;
    }

    /// <summary>
    /// A Salesforce user's session was stored afresh (the canvas app opened): their write-backs that failed for want of it
    /// run again now.
    /// </summary>
    public async Task<int> RetryForSalesforceUserAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var ids = await store.ResetForSalesforceUserAsync(tenantId, userId, cancellationToken);
        foreach (var id in ids)
        {
            Wake(tenantId, id);
        }

        return ids.Count;
    }

    internal void Wake(string tenantId, string interactionId) => _channel.Writer.TryWrite((tenantId, interactionId));
}
