using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesCoach.Api.Auth;
using SalesCoach.Content.Analytics;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Content;

public sealed record ContentAnalyticsResponse(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<ContentPerformance> Items);

/// <summary>outcome: won | lost | open. recordId is the CRM deal the `used` events named.</summary>
public sealed record DealOutcomeRequest(string? RecordId, string? Outcome, DateTimeOffset? ClosedAt);

/// <summary>GET /api/v1/analytics/content (JSON or ?format=csv) and POST /api/v1/analytics/deals (deal outcomes), for managers and admins.</summary>
internal static class ContentAnalyticsApi
{
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(366 * 2);

    public static void MapContentAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/analytics").WithTags("Content analytics").RequireAuthorization(Policies.Tenant);
        group.MapGet("/content", ContentAsync);
        group.MapPost("/deals", DealOutcomeAsync);
    }

    private static async Task<Results<Ok<ContentAnalyticsResponse>, ContentHttpResult, ValidationProblem, ForbidHttpResult>> ContentAsync(
        HttpContext context, ContentAnalytics analytics, TimeProvider time, string? from, string? to, string? format, CancellationToken cancellationToken)
    {
        if (!IsManager(context))
        {
            return TypedResults.Forbid();
        }

        var errors = new Dictionary<string, string[]>();
        var end = Parse(to, "to", errors) ?? time.GetUtcNow();
        var start = Parse(from, "from", errors) ?? end.AddDays(-30);
        if (errors.Count == 0 && (start >= end || end - start > MaxRange))
        {
            errors["from"] = ["from must be before to, and the range at most two years."];
        }

        if (format is not (null or "json" or "csv"))
        {
            errors["format"] = ["format must be json or csv."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var rows = await analytics.PerformanceAsync(context.GetCaller().RequireTenant(), start, end, cancellationToken);
        return format == "csv"
            ? TypedResults.Text(CsvReport.Performance(rows), "text/csv; charset=utf-8")
            : TypedResults.Ok(new ContentAnalyticsResponse(start, end, rows));
    }

    private static async Task<Results<NoContent, ValidationProblem, ForbidHttpResult>> DealOutcomeAsync(
        DealOutcomeRequest request, HttpContext context, ContentAnalytics analytics, CancellationToken cancellationToken)
    {
        if (!IsManager(context))
        {
            return TypedResults.Forbid();
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.RecordId) || request.RecordId.Length > 200)
        {
            errors["recordId"] = ["recordId is required (at most 200 characters)."];
        }

        if (request.Outcome is null || !DealOutcomes.All.Contains(request.Outcome))
        {
            errors["outcome"] = [$"outcome must be one of: {string.Join(", ", DealOutcomes.All)}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await analytics.RecordDealOutcomeAsync(context.GetCaller().RequireTenant(), request.RecordId!.Trim(), request.Outcome!, request.ClosedAt, cancellationToken);
        return TypedResults.NoContent();
    }

    private static bool IsManager(HttpContext context) => context.GetCaller().Role is Roles.Admin or Roles.Manager;

    private static DateTimeOffset? Parse(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        errors[field] = [$"{field} must be an ISO 8601 date or date-time."];
        return null;
    }
}
