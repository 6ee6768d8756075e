using System.Text.Json;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Signals;
using SalesCoach.Content.Ranking;

namespace SalesCoach.Api.Surfaces;

/// <summary>
/// Lets a recommendation request name a live interaction (what every adapter sends): the content
/// feature's <see cref="IConversationContextSource"/> answered from the coaching store, tenant-scoped.
/// Lives here because the adapters need it and neither library references the other; the host is
/// the one place that knows both (the lead may move it next to the coaching/content wiring).
/// </summary>
internal sealed class InteractionConversationSource(InteractionStore interactions) : IConversationContextSource
{
    /// <summary>The recent turns are what the content should match; the whole call would drown them.</summary>
    private const int RecentTurns = 20;

    public async Task<ConversationContext?> FindAsync(string tenantId, string interactionId, CancellationToken cancellationToken = default)
    {
        var interaction = await interactions.FindAsync(tenantId, interactionId, cancellationToken);
        if (interaction is null)
        {
            return null;
        }

        var segments = await interactions.LoadSegmentsAsync(tenantId, interactionId, cancellationToken);
        var recent = segments.OrderBy(s => s.Seq).TakeLast(RecentTurns).ToList();
        var signals = recent
            .SelectMany(s => JsonSerializer.Deserialize<List<SignalScore>>(s.SignalsJson, CoachingJson.Options) ?? [])
            .Select(s => s.Label)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new ConversationContext(
            recent.Select(s => s.Text).ToList(), signals, interaction.Language,
            new RecordContext(interaction.Crm, interaction.RecordType, null, null, [], [], null), interaction.RecordId);
    }
}
