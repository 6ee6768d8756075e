using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SalesCoach.Api.Auth;
using SalesCoach.Content;
using SalesCoach.Content.Library;

namespace SalesCoach.Api.Content;

/// <summary>The tenant's content library: CRUD with versions and archive (import lives in <see cref="ContentImportApi"/>).</summary>
public static class ContentApi
{
    /// <summary>Content library, ranking, engagement, analytics and the demo library seed.</summary>
    public static IServiceCollection AddContent(this IServiceCollection services)
    {
        services.AddContentLibrary();
        services.AddHostedService<DemoLibrarySeed>();
        return services;
    }

    /// <summary>Every content route: library, import, events, recommendations and content analytics.</summary>
    public static IEndpointRouteBuilder MapContentApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/content").WithTags("Content").RequireAuthorization(Policies.Tenant);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapGet("/{id}/versions", VersionsAsync);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.TenantAdmin);
        group.MapPut("/{id}", UpdateAsync).RequireAuthorization(Policies.TenantAdmin);
        group.MapDelete("/{id}", ArchiveAsync).RequireAuthorization(Policies.TenantAdmin);
        group.MapContentImport();
        group.MapContentEvents();
        app.MapRecommendationsApi();
        app.MapContentAnalyticsApi();
        return app;
    }

    private static async Task<Results<Ok<ContentListResponse>, ValidationProblem>> ListAsync(
        HttpContext context, ContentStore store, int? page, int? pageSize, string? type, string? language, string? tag, bool? includeArchived,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1 or > 100_000)
        {
            errors["page"] = ["page must be between 1 and 100000."];
        }

        if (pageSize is < 1 or > ContentLimits.PageSize)
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {ContentLimits.PageSize}."];
        }

        if (type is not null && !ContentTypes.All.Contains(type))
        {
            errors["type"] = [$"Unknown type '{type}'."];
        }

        if (language is not null && !ContentLanguages.All.Contains(language))
        {
            errors["language"] = [$"Unknown language '{language}'."];
        }

        if (tag is { Length: > ContentLimits.ListItemLength })
        {
            errors["tag"] = [$"tag must be at most {ContentLimits.ListItemLength} characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var size = pageSize ?? 20;
        var result = await store.ListAsync(context.GetCaller().RequireTenant(), page ?? 1, size,
            new ContentFilter(type, language, tag, includeArchived ?? false), cancellationToken);
        return TypedResults.Ok(new ContentListResponse([.. result.Items.Select(i => i.AsSummary())], result.Page, result.PageSize, result.Total));
    }

    private static async Task<Results<Ok<ContentResponse>, ProblemHttpResult>> GetAsync(
        string id, HttpContext context, ContentStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(context.GetCaller().RequireTenant(), id, cancellationToken) is { } item
            ? TypedResults.Ok(item.AsResponse())
            : ContentProblems.NotFound("content item");

    private static async Task<Results<Ok<ContentVersionsResponse>, ProblemHttpResult>> VersionsAsync(
        string id, HttpContext context, ContentStore store, CancellationToken cancellationToken) =>
        await store.VersionsAsync(context.GetCaller().RequireTenant(), id, cancellationToken) is { } versions
            ? TypedResults.Ok(new ContentVersionsResponse(id, [.. versions.Select(v => v.AsResponse())]))
            : ContentProblems.NotFound("content item");

    private static async Task<Results<Created<ContentCreated>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        ContentRequest request, HttpContext context, ContentStore store, CancellationToken cancellationToken)
    {
        var draft = request.ToDraft();
        if (ContentValidator.Validate(draft) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await store.CreateAsync(context.GetCaller().RequireTenant(), draft, cancellationToken);
        return result.Status == WriteStatus.DuplicateExternalId
            ? ContentProblems.DuplicateExternalId(draft.ExternalId)
            : TypedResults.Created($"/api/v1/content/{result.Item!.Id}", new ContentCreated(result.Item.Id, result.Item.Version));
    }

    private static async Task<Results<Ok<ContentResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, ContentRequest request, HttpContext context, ContentStore store, CancellationToken cancellationToken)
    {
        var draft = request.ToDraft();
        if (ContentValidator.Validate(draft) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await store.UpdateAsync(context.GetCaller().RequireTenant(), id, draft, cancellationToken);
        return result.Status switch
        {
            WriteStatus.NotFound => ContentProblems.NotFound("content item"),
            WriteStatus.DuplicateExternalId => ContentProblems.DuplicateExternalId(draft.ExternalId),
            _ => TypedResults.Ok(result.Item!.AsResponse()),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ArchiveAsync(
        string id, HttpContext context, ContentStore store, CancellationToken cancellationToken) =>
        await store.ArchiveAsync(context.GetCaller().RequireTenant(), id, cancellationToken)
            ? TypedResults.NoContent()
            : ContentProblems.NotFound("content item");
}
