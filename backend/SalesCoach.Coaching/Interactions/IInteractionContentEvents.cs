using SalesCoach.Coaching.Summaries;

namespace SalesCoach.Coaching.Interactions;

/// <summary>
/// How the content feature talks to a live interaction: push re-ranked recommendations to
/// its stream (SSE event <c>content</c>) and report engagement, which the summary lists as
/// content used. Both answer false when the interaction is unknown to this tenant or completed.
/// </summary>
public interface IInteractionContentEvents
{
    /// <param name="itemsJson">The JSON the stream's <c>content</c> event carries (e.g. <c>{"items":[...]}</c>).</param>
    Task<bool> PublishRecommendationsAsync(string tenantId, string interactionId, string itemsJson, CancellationToken cancellationToken = default);

    /// <param name="type">impression | open | share | used | helpful | not_helpful</param>
    Task<bool> RecordEngagementAsync(string tenantId, string interactionId, string contentId, string type, string? repId, CancellationToken cancellationToken = default);
}

internal sealed class InteractionContentEvents(SegmentAppender appender, InteractionStore interactions, SummaryStore summaries) : IInteractionContentEvents
{
    public Task<bool> PublishRecommendationsAsync(string tenantId, string interactionId, string itemsJson, CancellationToken cancellationToken = default) =>
        appender.AppendEventAsync(tenantId, interactionId, InteractionEventTypes.Content, itemsJson, cancellationToken);

    public async Task<bool> RecordEngagementAsync(
        string tenantId, string interactionId, string contentId, string type, string? repId, CancellationToken cancellationToken = default)
    {
        if (await interactions.FindAsync(tenantId, interactionId, cancellationToken) is null)
        {
            return false;
        }

        await summaries.RecordContentEventAsync(tenantId, interactionId, contentId, type, repId, cancellationToken);
        return true;
    }
}
