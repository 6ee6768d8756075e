using System.Text.Json;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Playbooks;
using SalesCoach.Coaching.Tips;

namespace SalesCoach.Coaching.Summaries;

/// <summary>
/// Completes an interaction: builds and stores its summary, closes open streams. Completing
/// twice answers the stored summary again (idempotent).
/// </summary>
public sealed class InteractionCompleter(
    LiveInteractions live, InteractionStore interactions, SummaryStore summaries, PlaybookStore playbooks, IInteractionEventBus bus, TimeProvider time)
{
    /// <summary>The summary JSON, or null when the interaction does not exist for this tenant.</summary>
    public async Task<string?> CompleteAsync(string tenantId, string interactionId, CancellationToken cancellationToken = default)
    {
        var state = await live.GetAsync(tenantId, interactionId, cancellationToken);
        if (state is null)
        {
            return null;
        }

        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            if (!state.Completed)
            {
                var summary = await BuildAsync(state.Interaction, cancellationToken);
                await summaries.CompleteAsync(tenantId, interactionId, JsonSerializer.Serialize(summary, CoachingJson.Options), cancellationToken);
                state.Completed = true;
                bus.Publish(tenantId, interactionId, [new InteractionEvent(tenantId, interactionId, long.MaxValue, InteractionEventTypes.Completed, "{}")]);
            }
        }
        finally
        {
            state.Gate.Release();
            live.Evict(tenantId, interactionId);
        }

        return await summaries.ReadAsync(tenantId, interactionId, cancellationToken);
    }

    private async Task<InteractionSummary> BuildAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        var segments = await interactions.LoadSegmentsAsync(interaction.TenantId, interaction.Id, cancellationToken);
        var tips = (await interactions.ReadTipsAsync(interaction.TenantId, interaction.Id, cancellationToken))
            .Select(body => JsonSerializer.Deserialize<Tip>(body, CoachingJson.Options)!).ToList();
        var content = await summaries.ReadContentEventsAsync(interaction.TenantId, interaction.Id, cancellationToken);
        var playbook = await playbooks.GetAsync(interaction.TenantId, cancellationToken);
        return SummaryBuilder.Build(interaction, segments, tips, content, playbook.Playbook, time.GetUtcNow());
    }
}
