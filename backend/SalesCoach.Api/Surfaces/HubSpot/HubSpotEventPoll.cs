using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesCoach.Api.Auth;
using SalesCoach.Coaching.Interactions;

namespace SalesCoach.Api.Surfaces.HubSpot;

public sealed record PolledEvent(string Id, string Type, JsonElement Data);

public sealed record PollResponse(IReadOnlyList<PolledEvent> Events, bool Completed);

/// <summary>
/// <c>GET /hubspot/api/v1/interactions/{id}/poll?after=N</c>: the interaction's event log after event N,
/// the same ids and data the SSE stream sends, read from the same store (so nothing is missed between polls).
/// </summary>
internal static class HubSpotEventPoll
{
    public const int PageSize = 200;

    public static async Task<Results<Ok<PollResponse>, NotFound, ValidationProblem>> PollAsync(
        string id, string? after, HttpContext context, InteractionStore store, CancellationToken cancellationToken)
    {
        var afterId = 0L;
        if (!string.IsNullOrEmpty(after) && (!long.TryParse(after, System.Globalization.NumberStyles.None, null, out afterId) || after.Length > 19))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["after"] = ["Must be a non-negative event id."] });
        }

        var tenantId = context.GetCaller().RequireTenant();
        var interaction = await store.FindAsync(tenantId, id, cancellationToken);
        if (interaction is null)
        {
            return TypedResults.NotFound();
        }

        var events = (await store.ReadEventsAsync(tenantId, id, afterId, PageSize, cancellationToken))
            .Where(e => e.Type != InteractionEventTypes.Completed)
            .Select(e => new PolledEvent(e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Type, JsonDocument.Parse(e.Data).RootElement.Clone()))
            .ToList();
        // Completed once the log is drained: a full page means the card should poll again at once.
        var completed = interaction.Status == InteractionStatus.Completed && events.Count < PageSize;
        return TypedResults.Ok(new PollResponse(events, completed));
    }
}
