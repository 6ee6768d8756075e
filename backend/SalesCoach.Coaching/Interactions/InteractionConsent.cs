namespace SalesCoach.Coaching.Interactions;

public enum ConsentResult
{
    Recorded,
    NotFound,
    Completed,
}

/// <summary>
/// Records the customer's consent during the call, under the interaction's gate: an append either ran before it (under the
/// old answer) or sees the new one. Replicas holding the interaction's live state are told to read it again.
/// </summary>
public sealed class InteractionConsent(LiveInteractions live, InteractionStore store, IInteractionEventBus bus)
{
    public async Task<ConsentResult> RecordAsync(string tenantId, string interactionId, bool consent, CancellationToken cancellationToken = default)
    {
        var state = await live.GetAsync(tenantId, interactionId, cancellationToken);
        if (state is null)
        {
            return ConsentResult.NotFound;
        }

        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            if (state.Completed)
            {
                return ConsentResult.Completed;
            }

            if (!await store.RecordConsentAsync(tenantId, interactionId, consent, cancellationToken))
            {
                // Completed or deleted through another replica since this one read it.
                live.Evict(tenantId, interactionId);
                return await store.FindAsync(tenantId, interactionId, cancellationToken) is null ? ConsentResult.NotFound : ConsentResult.Completed;
            }

            state.Consent = consent;
            bus.Publish(tenantId, interactionId, [new InteractionEvent(tenantId, interactionId, long.MaxValue, InteractionEventTypes.Changed, "{}")]);
            return ConsentResult.Recorded;
        }
        finally
        {
            state.Gate.Release();
        }
    }
}
