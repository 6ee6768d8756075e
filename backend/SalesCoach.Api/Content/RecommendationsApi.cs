using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SalesCoach.Api.Auth;
using SalesCoach.Content.Library;
using SalesCoach.Content.Ranking;
using SalesCoach.Storage.Texts;

namespace SalesCoach.Api.Content;

public sealed record RecommendationContextRequest(
    string? Crm, string? RecordType, string? Stage, string? Industry, List<string>? Products, List<string>? Competitors, string? Persona);

public sealed record RecommendationRequest(
    string? InteractionId, RecommendationContextRequest? Context, List<string>? Conversation, string? Language, int? Limit);

/// <param name="Reasons">Why, as texts in the response's language (what the adapters show).</param>
/// <param name="ReasonDetails">The same reasons as <c>{code, params, text}</c>, for adapters that word them themselves and for analytics.</param>
public sealed record RecommendedItem(
    string ContentId, string Title, string Type, string? Url, double Score, IReadOnlyList<string> Reasons, IReadOnlyList<LocalizedText> ReasonDetails);

/// <param name="Language">The language the reasons are written in: the request's, else the interaction's, else English.</param>
public sealed record RecommendationsResponse(IReadOnlyList<RecommendedItem> Items, string Language);

/// <summary>POST /api/v1/recommendations: the best items of the caller's library for a record and a conversation, each with its reasons.</summary>
internal static class RecommendationsApi
{
    private const int MaxTurns = 50;
    private const int MaxTurnLength = 4_000;
    private const int MaxListCount = 20;
    private const int MaxValueLength = 200;
    private const int MaxLimit = 20;

    public static void MapRecommendationsApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/recommendations").WithTags("Recommendations").RequireAuthorization(Policies.Tenant)
            .MapPost("/", RecommendAsync);

    private static async Task<Results<Ok<RecommendationsResponse>, ValidationProblem, ProblemHttpResult>> RecommendAsync(
        RecommendationRequest request, HttpContext context, ContentRanker ranker, IConversationContextSource conversations, CancellationToken cancellationToken)
    {
        if (Validate(request) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var tenantId = context.GetCaller().RequireTenant();
        ConversationContext? live = null;
        if (request.InteractionId is { } interactionId)
        {
            live = await conversations.FindAsync(tenantId, interactionId, cancellationToken);
            if (live is null)
            {
                return ContentProblems.NotFound("interaction");
            }
        }

        var c = request.Context;
        var record = c is null
            ? live?.Record ?? RecordContext.Empty
            : new RecordContext(c.Crm, c.RecordType, c.Stage, c.Industry, c.Products ?? [], c.Competitors ?? [], c.Persona);
        var query = new RecommendationQuery(
            record,
            request.Conversation ?? live?.Conversation ?? [],
            request.Language ?? live?.Language,
            request.Limit ?? 5,
            live?.Signals);
        var items = await ranker.RankAsync(tenantId, query, cancellationToken);
        return TypedResults.Ok(new RecommendationsResponse(
            [.. items.Select(i => new RecommendedItem(i.ContentId, i.Title, i.Type, i.Url, i.Score, i.Reasons, i.ReasonDetails))],
            ContentRanker.ReasonsLanguage(query.Language)));
    }

    private static Dictionary<string, string[]> Validate(RecommendationRequest r)
    {
        var errors = new Dictionary<string, string[]>();
        if (r.Limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        if (r.Language is not null && !ContentLanguages.All.Contains(r.Language))
        {
            errors["language"] = [$"Unknown language '{r.Language}'. Use one of: {string.Join(", ", ContentLanguages.All)}."];
        }

        if (r.Conversation is { } turns && (turns.Count > MaxTurns || turns.Any(t => t is null || t.Length > MaxTurnLength)))
        {
            errors["conversation"] = [$"conversation may hold at most {MaxTurns} texts of at most {MaxTurnLength} characters."];
        }

        Length(errors, "interactionId", r.InteractionId);
        if (r.Context is { } c)
        {
            Length(errors, "context.crm", c.Crm);
            Length(errors, "context.recordType", c.RecordType);
            Length(errors, "context.stage", c.Stage);
            Length(errors, "context.industry", c.Industry);
            Length(errors, "context.persona", c.Persona);
            List(errors, "context.products", c.Products);
            List(errors, "context.competitors", c.Competitors);
        }

        return errors;
    }

    private static void Length(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (value is { Length: > MaxValueLength })
        {
            errors[field] = [$"{field} must be at most {MaxValueLength} characters."];
        }
    }

    private static void List(Dictionary<string, string[]> errors, string field, List<string>? values)
    {
        if (values is { } list && (list.Count > MaxListCount || list.Any(v => v is null || v.Length > MaxValueLength)))
        {
            errors[field] = [$"{field} may hold at most {MaxListCount} entries of at most {MaxValueLength} characters."];
        }
    }
}
