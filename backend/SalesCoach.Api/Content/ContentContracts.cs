using SalesCoach.Content.Library;

namespace SalesCoach.Api.Content;

/// <summary>The content body of DESIGN.md. Everything is optional here so that ContentValidator can name every problem at once.</summary>
public sealed record ContentRequest(
    string? ExternalId,
    string? Title,
    string? Summary,
    string? Body,
    string? Url,
    string? Type,
    string? Language,
    List<string>? Tags,
    List<string>? Industries,
    List<string>? Products,
    List<string>? Stages,
    List<string>? Personas,
    List<string>? Competitors)
{
    public ContentDraft ToDraft() => ContentNormalizer.Normalize(new ContentDraft(
        ExternalId, Title ?? "", Summary, Body ?? "", Url, Type ?? "", Language ?? "",
        Tags ?? [], Industries ?? [], Products ?? [], Stages ?? [], Personas ?? [], Competitors ?? []));
}

public sealed record ContentCreated(string Id, int Version);

public sealed record ContentResponse(
    string Id, string? ExternalId, int Version, string Title, string? Summary, string Body, string? Url, string Type, string Language,
    IReadOnlyList<string> Tags, IReadOnlyList<string> Industries, IReadOnlyList<string> Products, IReadOnlyList<string> Stages,
    IReadOnlyList<string> Personas, IReadOnlyList<string> Competitors, bool Archived, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record ContentSummary(
    string Id, string? ExternalId, int Version, string Title, string? Summary, string? Url, string Type, string Language,
    IReadOnlyList<string> Tags, bool Archived, DateTimeOffset UpdatedAt);

public sealed record ContentListResponse(IReadOnlyList<ContentSummary> Items, int Page, int PageSize, long Total);

public sealed record ContentVersionResponse(int Version, DateTimeOffset CreatedAt, string Title, string? Summary, string Body, string? Url,
    string Type, string Language, IReadOnlyList<string> Tags, IReadOnlyList<string> Industries, IReadOnlyList<string> Products,
    IReadOnlyList<string> Stages, IReadOnlyList<string> Personas, IReadOnlyList<string> Competitors);

public sealed record ContentVersionsResponse(string Id, IReadOnlyList<ContentVersionResponse> Items);

internal static class ContentMapping
{
    public static ContentResponse AsResponse(this ContentItem item)
    {
        var d = item.Draft;
        return new ContentResponse(item.Id, d.ExternalId, item.Version, d.Title, d.Summary, d.Body, d.Url, d.Type, d.Language,
            d.Tags, d.Industries, d.Products, d.Stages, d.Personas, d.Competitors, item.IsArchived, item.CreatedAt, item.UpdatedAt);
    }

    public static ContentSummary AsSummary(this ContentItem item) =>
        new(item.Id, item.Draft.ExternalId, item.Version, item.Draft.Title, item.Draft.Summary, item.Draft.Url, item.Draft.Type,
            item.Draft.Language, item.Draft.Tags, item.IsArchived, item.UpdatedAt);

    public static ContentVersionResponse AsResponse(this ContentVersion v)
    {
        var d = v.Draft;
        return new ContentVersionResponse(v.Version, v.CreatedAt, d.Title, d.Summary, d.Body, d.Url, d.Type, d.Language,
            d.Tags, d.Industries, d.Products, d.Stages, d.Personas, d.Competitors);
    }
}
