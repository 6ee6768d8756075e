namespace SalesCoach.Content.Library;

public static class ContentNormalizer
{
    /// <summary>Trims text, turns missing lists into empty ones and drops repeated list entries (case-insensitively).</summary>
    public static ContentDraft Normalize(ContentDraft draft) => draft with
    {
        ExternalId = Blank(draft.ExternalId),
        Title = draft.Title?.Trim() ?? "",
        Summary = Blank(draft.Summary),
        Body = draft.Body?.Trim() ?? "",
        Url = Blank(draft.Url),
        Type = draft.Type?.Trim().ToLowerInvariant() ?? "",
        Language = draft.Language?.Trim().ToLowerInvariant() ?? "",
        Tags = List(draft.Tags),
        Industries = List(draft.Industries),
        Products = List(draft.Products),
        Stages = List(draft.Stages),
        Personas = List(draft.Personas),
        Competitors = List(draft.Competitors),
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<string> List(IReadOnlyList<string>? values) =>
        values is null ? [] : [.. values.Select(v => v?.Trim() ?? "").Distinct(StringComparer.OrdinalIgnoreCase)];
}
