using System.Text.Json;
using SalesCoach.Storage.Database;

namespace SalesCoach.Content.Library;

/// <summary>The stored shape of an item; list fields live together in one JSON column.</summary>
internal sealed class ContentRow
{
    public string Id { get; set; } = "";
    public string? ExternalId { get; set; }
    public int Version { get; set; }
    public string Title { get; set; } = "";
    public string? Summary { get; set; }
    public string Body { get; set; } = "";
    public string? Url { get; set; }
    public string Type { get; set; } = "";
    public string Language { get; set; } = "";
    public string Metadata { get; set; } = "{}";
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }
    public long? ArchivedAt { get; set; }

    public const string Columns =
        "id AS Id, external_id AS ExternalId, version AS Version, title AS Title, summary AS Summary, body AS Body, url AS Url, " +
        "type AS Type, language AS Language, metadata AS Metadata, created_at AS CreatedAt, updated_at AS UpdatedAt, archived_at AS ArchivedAt";

    public ContentItem ToItem()
    {
        var meta = JsonSerializer.Deserialize<ContentMetadata>(Metadata, ContentJson.Options) ?? new ContentMetadata();
        var draft = new ContentDraft(ExternalId, Title, Summary, Body, Url, Type, Language,
            meta.Tags, meta.Industries, meta.Products, meta.Stages, meta.Personas, meta.Competitors);
        return new ContentItem(Id, Version, draft, UnixTime.FromUnixMs(CreatedAt), UnixTime.FromUnixMs(UpdatedAt),
            ArchivedAt is { } archived ? UnixTime.FromUnixMs(archived) : null);
    }
}

internal sealed record ContentMetadata(
    List<string> Tags, List<string> Industries, List<string> Products, List<string> Stages, List<string> Personas, List<string> Competitors)
{
    public ContentMetadata()
        : this([], [], [], [], [], [])
    {
    }

    public static ContentMetadata From(ContentDraft d) =>
        new([.. d.Tags], [.. d.Industries], [.. d.Products], [.. d.Stages], [.. d.Personas], [.. d.Competitors]);
}

public static class ContentJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
