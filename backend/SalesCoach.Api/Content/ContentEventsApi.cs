using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SalesCoach.Api.Auth;
using SalesCoach.Content.Engagement;

namespace SalesCoach.Api.Content;

/// <summary>recordId (optional, our addition to DESIGN's body) names the CRM deal, so content analytics can count deals won where an item was used.</summary>
public sealed record ContentEventRequest(string? Type, string? InteractionId, string? RepId, string? RecordId);

internal static class ContentEventsApi
{
    private const int IdLength = 200;

    public static void MapContentEvents(this RouteGroupBuilder group) => group.MapPost("/{id}/events", RecordAsync);

    private static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> RecordAsync(
        string id, ContentEventRequest request, HttpContext context, EngagementStore store, CancellationToken cancellationToken)
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
        var recorded = await store.RecordAsync(caller.RequireTenant(), id,
            new EngagementEvent(request.Type!, request.InteractionId, request.RepId ?? caller.UserId, request.RecordId), cancellationToken);
        return recorded ? TypedResults.Accepted((string?)null) : ContentProblems.NotFound("content item");
    }
}
