using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SalesCoach.Api.Auth;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Content.Engagement;

namespace SalesCoach.Api.Content;

/// <summary>
/// recordId (optional, our addition to DESIGN's body) names the CRM deal, so content analytics can count deals won where an item was used.
/// An event with the id of one of the tenant's live interactions also goes to that interaction, whose summary (and CRM note) lists the
/// content the rep opened, shared or used.
/// </summary>
public sealed record ContentEventRequest(string? Type, string? InteractionId, string? RepId, string? RecordId);

internal static class ContentEventsApi
{
    private const int IdLength = 200;

    public static void MapContentEvents(this RouteGroupBuilder group) => group.MapPost("/{id}/events", RecordAsync);

    private static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> RecordAsync(
        string id, ContentEventRequest request, HttpContext context, EngagementStore store, IInteractionContentEvents interactions,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Type is null || !EngagementTypes.All.Contains(request.Type))
        {
            errors["type"] = [$"type must be one of: {string.Join(", ", EngagementTypes.All)}."];
        }

        foreach (var (field, value) in new[] { ("interactionId", request.InteractionId), ("repId", request.RepId), ("recordId", request.RecordId) })
        {
            if (value is { Length: > IdLength })
            {
                errors[field] = [$"{field} must be at most {IdLength} characters."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var caller = context.GetCaller();
        var tenantId = caller.RequireTenant();
        var repId = request.RepId ?? caller.UserId;
        if (!await store.RecordAsync(tenantId, id, new EngagementEvent(request.Type!, request.InteractionId, repId, request.RecordId), cancellationToken))
        {
            return ContentProblems.NotFound("content item");
        }

        if (request.InteractionId is { } interactionId)
        {
            // False for an interaction this tenant does not have: the analytics event above still counts.
            await interactions.RecordEngagementAsync(tenantId, interactionId, id, request.Type!, repId, cancellationToken);
        }

        return TypedResults.Accepted((string?)null);
    }
}
