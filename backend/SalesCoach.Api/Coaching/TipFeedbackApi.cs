using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesCoach.Api.Auth;
using SalesCoach.Coaching.Tips;

namespace SalesCoach.Api.Coaching;

/// <summary><c>type</c>: helpful | not_helpful (what the adapters send). <c>repId</c>: who voted; omitted means the interaction's rep.</summary>
public sealed record TipFeedbackRequest(
    [property: Required, AllowedValues(TipFeedbackTypes.Helpful, TipFeedbackTypes.NotHelpful)] string Type,
    [property: StringLength(TipFeedbackApi.MaxRepIdLength, MinimumLength = 1)] string? RepId);

/// <summary><c>POST /api/v1/interactions/{id}/tips/{tipId}/events</c>: a rep's vote on a tip, for tip adoption analytics.</summary>
public static class TipFeedbackApi
{
    public const int MaxRepIdLength = 200;

    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> PostAsync(
        string id, string tipId, TipFeedbackRequest request, HttpContext context, TipFeedbackStore store, CancellationToken cancellationToken)
    {
        if (request.RepId is not null && string.IsNullOrWhiteSpace(request.RepId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["repId"] = ["repId must not be blank."] });
        }

        var result = await store.RecordAsync(context.GetCaller().RequireTenant(), id, tipId, request.Type, request.RepId?.Trim(), cancellationToken);
        return result == TipFeedbackResult.NotFound
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No tip with that id in this interaction.")
            : TypedResults.Accepted((string?)null);
    }
}
