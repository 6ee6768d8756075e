using SalesCoach.Storage.Database;

namespace SalesCoach.Coaching.Interactions;

public enum ConsentResult
{
    Recorded,
    NotFound,
    Completed,
}

/// <summary>
/// Records the customer's consent during the call, under the interaction's gate: an append either ran before it (under the
/// old answer) or sees the new one. The change is an event of the interaction's stream (<c>consent</c>), written with it,
/// so every open panel learns it, including one that reconnects with <c>Last-Event-ID</c>. Replicas holding the
/// interaction's live state are told to read it again.
/// </summary>
public sealed class InteractionConsent(LiveInteractions live, InteractionStore store, IInteractionEventBus bus)
{
    // Another replica may take the next event id first; the live state is then read again from the store.
    private const int MaxRuns = 4;

    public async Task<ConsentResult> RecordAsync(string tenantId, string interactionId, bool consent, CancellationToken cancellationToken = default)
    {
        for (var run = 1; ; run++)
        {
            var state = await live.GetAsync(tenantId, interactionId, cancellationToken);
            if (state is null)
            {
                return ConsentResult.NotFound;
            }

            await state.Gate.WaitAsync(cancellationToken);
            try
            {
                if (state.Evicted && run < MaxRuns)
                {
                    continue;
                }

                if (state.Completed)
                {
                    return ConsentResult.Completed;
                }

                InteractionEvent? recorded;
                try
                {
                    recorded = await store.RecordConsentAsync(tenantId, interactionId, consent, state.LastEventId + 1, cancellationToken);
                }
                catch (Exception error) when (run < MaxRuns && SqlDatabase.IsConstraintViolation(error))
                {
                    live.Evict(state);
                    continue;
                }

                if (recorded is null)
                {
                    // Completed or deleted through another replica since this one read it.
                    live.Evict(tenantId, interactionId);
                    return await store.FindAsync(tenantId, interactionId, cancellationToken) is null ? ConsentResult.NotFound : ConsentResult.Completed;
                }

                state.Consent = consent;
                state.LastEventId = recorded.Id;
                bus.Publish(tenantId, interactionId,
                    [recorded, new InteractionEvent(tenantId, interactionId, long.MaxValue, InteractionEventTypes.Changed, "{}")]);
                return ConsentResult.Recorded;
            }
            finally
            {
                state.Gate.Release();
            }
        }
    }
}
