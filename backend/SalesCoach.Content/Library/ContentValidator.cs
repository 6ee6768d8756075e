namespace SalesCoach.Content.Library;

/// <summary>
/// Checks a draft against <see cref="ContentLimits"/> and the known types and languages.
/// Answers field -> messages (camelCase names, as the API shows them); empty means valid.
/// </summary>
public static class ContentValidator
{
    public static Dictionary<string, string[]> Validate(ContentDraft draft)
    {
        var errors = new Dictionary<string, string[]>();
        Text(errors, "externalId", draft.ExternalId, ContentLimits.ExternalIdLength, required: false);
        Text(errors, "title", draft.Title, ContentLimits.TitleLength, required: true);
        Text(errors, "summary", draft.Summary, ContentLimits.SummaryLength, required: false);
        Text(errors, "body", draft.Body, ContentLimits.BodyLength, required: true);
        Text(errors, "url", draft.Url, ContentLimits.UrlLength, required: false);
        if (draft.Url is { Length: > 0 } url
            && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            errors["url"] = ["url must be an absolute http or https address."];
        }

        if (!ContentTypes.All.Contains(draft.Type))
        {
            errors["type"] = [$"Unknown type '{draft.Type}'. Use one of: {string.Join(", ", ContentTypes.All)}."];
        }

        if (!ContentLanguages.All.Contains(draft.Language))
        {
            errors["language"] = [$"Unknown language '{draft.Language}'. Use one of: {string.Join(", ", ContentLanguages.All)}."];
        }

        List(errors, "tags", draft.Tags);
        List(errors, "industries", draft.Industries);
        List(errors, "products", draft.Products);
        List(errors, "stages", draft.Stages);
        List(errors, "personas", draft.Personas);
        List(errors, "competitors", draft.Competitors);
        return errors;
    }

    private static void Text(Dictionary<string, string[]> errors, string field, string? value, int max, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"{field} is required."];
        }
        else if (value is not null && value.Length > max)
        {
            errors[field] = [$"{field} must be at most {max} characters."];
        }
    }

    private static void List(Dictionary<string, string[]> errors, string field, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        if (values.Count > ContentLimits.ListCount)
        {
            errors[field] = [$"{field} may hold at most {ContentLimits.ListCount} entries."];
        }
        else if (values.Any(v => string.IsNullOrWhiteSpace(v) || v.Length > ContentLimits.ListItemLength))
        {
            errors[field] = [$"Each entry of {field} must be 1 to {ContentLimits.ListItemLength} characters."];
        }
    }
}
