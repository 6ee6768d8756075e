namespace SalesCoach.Content.Library;

/// <summary>What a caller submits for one content item (create, replace, import, seed).</summary>
public sealed record ContentDraft(
    string? ExternalId,
    string Title,
    string? Summary,
    string Body,
    string? Url,
    string Type,
    string Language,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Industries,
    IReadOnlyList<string> Products,
    IReadOnlyList<string> Stages,
    IReadOnlyList<string> Personas,
    IReadOnlyList<string> Competitors);

/// <summary>A stored item: the current version of its draft plus bookkeeping.</summary>
public sealed record ContentItem(
    string Id,
    int Version,
    ContentDraft Draft,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ArchivedAt)
{
    public bool IsArchived => ArchivedAt is not null;
}

public sealed record ContentVersion(string ContentId, int Version, ContentDraft Draft, DateTimeOffset CreatedAt);

public static class ContentTypes
{
    public static readonly IReadOnlyList<string> All =
        ["case_study", "deck", "battlecard", "pricing", "one_pager", "whitepaper", "video", "email_template", "other"];
}

public static class ContentLanguages
{
    public static readonly IReadOnlyList<string> All = ["en", "es", "fr", "de", "zh"];
}
