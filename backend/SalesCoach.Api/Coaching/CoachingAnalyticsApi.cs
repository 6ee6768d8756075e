using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesCoach.Api.Auth;
using SalesCoach.Coaching.Analytics;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Coaching;

public sealed record RepAnalyticsResponse(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<RepReport> Items);

public sealed record AdoptionAnalyticsResponse(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<TipKindAdoption> Kinds, AdoptionTotals Totals);

/// <summary>
/// <c>GET /api/v1/analytics/reps</c> and <c>/adoption</c> (JSON or <c>?format=csv</c>), for managers and admins.
/// The period covers interactions created in [from, to); a date-only <c>to</c> includes that whole day.
/// </summary>
public static class CoachingAnalyticsApi
{
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(366);
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(30);

    public static void MapCoachingAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/analytics").WithTags("Coaching analytics").RequireAuthorization(Policies.Tenant);
        group.MapGet("/reps", RepsAsync);
        group.MapGet("/adoption", AdoptionAsync);
    }

    private static async Task<Results<Ok<RepAnalyticsResponse>, ContentHttpResult, ValidationProblem, ForbidHttpResult>> RepsAsync(
        HttpContext context, CoachingAnalytics analytics, TimeProvider time, string? from, string? to, string? format, CancellationToken cancellationToken)
    {
        if (Check(context, time, from, to, format) is { } failed)
        {
            return failed.Forbidden ? TypedResults.Forbid() : TypedResults.ValidationProblem(failed.Errors!);
        }

        var period = Period(time, from, to)!;
        var rows = await analytics.RepsAsync(context.GetCaller().RequireTenant(), period, cancellationToken);
        return format == "csv"
            ? TypedResults.Text(CoachingCsv.Reps(rows), "text/csv; charset=utf-8")
            : TypedResults.Ok(new RepAnalyticsResponse(period.From, period.To, rows));
    }

    private static async Task<Results<Ok<AdoptionAnalyticsResponse>, ContentHttpResult, ValidationProblem, ForbidHttpResult>> AdoptionAsync(
        HttpContext context, CoachingAnalytics analytics, TimeProvider time, string? from, string? to, string? format, CancellationToken cancellationToken)
    {
        if (Check(context, time, from, to, format) is { } failed)
        {
            return failed.Forbidden ? TypedResults.Forbid() : TypedResults.ValidationProblem(failed.Errors!);
        }

        var period = Period(time, from, to)!;
        var report = await analytics.AdoptionAsync(context.GetCaller().RequireTenant(), period, cancellationToken);
        return format == "csv"
            ? TypedResults.Text(CoachingCsv.Adoption(report), "text/csv; charset=utf-8")
            : TypedResults.Ok(new AdoptionAnalyticsResponse(period.From, period.To, report.Kinds, report.Totals));
    }

    private sealed record Failure(bool Forbidden, Dictionary<string, string[]>? Errors);

    private static Failure? Check(HttpContext context, TimeProvider time, string? from, string? to, string? format)
    {
        if (context.GetCaller().Role is not (Roles.Admin or Roles.Manager))
        {
            return new Failure(true, null);
        }

        var errors = new Dictionary<string, string[]>();
        Parse(from, "from", errors, endOfDay: false);
        Parse(to, "to", errors, endOfDay: true);
        if (errors.Count == 0 && Period(time, from, to) is { } period && (period.From > period.To || (to is { Length: 10 } && period.From == period.To) || period.To - period.From > MaxRange))
        {
            errors["from"] = ["from must not be after to, and the period at most 366 days."];
        }

        if (format is not (null or "json" or "csv"))
        {
            errors["format"] = ["format must be json or csv."];
        }

        return errors.Count > 0 ? new Failure(false, errors) : null;
    }

    private static AnalyticsPeriod? Period(TimeProvider time, string? from, string? to)
    {
        var errors = new Dictionary<string, string[]>();
        var end = Parse(to, "to", errors, endOfDay: true) ?? time.GetUtcNow();
        var start = Parse(from, "from", errors, endOfDay: false) ?? end - DefaultRange;
        return errors.Count == 0 ? new AnalyticsPeriod(start, end) : null;
    }

    /// <summary>ISO 8601 only: a date (yyyy-MM-dd, UTC) or a date-time with an offset or Z.</summary>
    private static DateTimeOffset? Parse(string? value, string field, Dictionary<string, string[]> errors, bool endOfDay)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var midnight = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? midnight.AddDays(1) : midnight;
        }

        string[] formats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];
        if (value.Length is > 10 and <= 40 && (value.EndsWith('Z') || value[^6] is '+' or '-')
            && DateTimeOffset.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }

        errors[field] = [$"{field} must be an ISO 8601 date (2026-01-31) or date-time with offset (2026-01-31T12:00:00Z)."];
        return null;
    }
}
