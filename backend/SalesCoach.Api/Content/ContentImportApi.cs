using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SalesCoach.Api.Auth;
using SalesCoach.Api.Infrastructure;
using SalesCoach.Content.Import;
using SalesCoach.Content.Library;

namespace SalesCoach.Api.Content;

/// <summary>
/// POST /api/v1/content/import: multipart form with a `file` (Markdown, HTML, text, DOCX, PPTX) and
/// the metadata fields of the content body (list fields repeated or comma-separated). The body
/// limit is raised on this route only; the text is extracted and validated before anything is written.
/// </summary>
internal static class ContentImportApi
{
    public static void MapContentImport(this RouteGroupBuilder group) =>
        group.MapPost("/import", ImportAsync)
            .RequireAuthorization(Policies.TenantAdmin)
            .WithBodyLimit(ContentImporter.MaxFileBytes + (1024 * 1024))
            // Bearer credentials only, no cookies: a forged cross-site form cannot authenticate, so antiforgery tokens add nothing.
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data");

    private static async Task<Results<Created<ContentCreated>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        HttpRequest request, ContentStore store, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType || request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the file as multipart/form-data with a field named 'file'.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "Unreadable form", e.Message);
        }

        if (form.Files.GetFile("file") is not { } file)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["A file field named 'file' is required."] });
        }

        if (file.Length > ContentImporter.MaxFileBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "File too large", $"Files may be at most {ContentImporter.MaxFileBytes / (1024 * 1024)} MB.");
        }

        ExtractedText text;
        try
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, cancellationToken);
            text = ContentImporter.Extract(file.FileName, buffer.ToArray());
        }
        catch (ImportException e)
        {
            return e.Failure switch
            {
                ImportFailure.Unsupported => Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported file type", e.Message),
                ImportFailure.TooLarge => Problem(StatusCodes.Status413PayloadTooLarge, "File too large", e.Message),
                ImportFailure.Empty => Problem(StatusCodes.Status400BadRequest, "Empty file", e.Message),
                _ => Problem(StatusCodes.Status400BadRequest, "Corrupt file", e.Message),
            };
        }

        var draft = ContentImporter.ToDraft(text, Metadata(form), file.FileName);
        if (ContentValidator.Validate(draft) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await store.CreateAsync(request.HttpContext.GetCaller().RequireTenant(), draft, cancellationToken);
        return result.Status == WriteStatus.DuplicateExternalId
            ? ContentProblems.DuplicateExternalId(draft.ExternalId)
            : TypedResults.Created($"/api/v1/content/{result.Item!.Id}", new ContentCreated(result.Item.Id, result.Item.Version));
    }

    private static ContentDraft Metadata(IFormCollection form) => new(
        Value(form, "externalId"), Value(form, "title") ?? "", Value(form, "summary"), "", Value(form, "url"),
        Value(form, "type") ?? "other", Value(form, "language") ?? "", List(form, "tags"), List(form, "industries"), List(form, "products"),
        List(form, "stages"), List(form, "personas"), List(form, "competitors"));

    private static string? Value(IFormCollection form, string key) => form.TryGetValue(key, out var v) && v.Count > 0 ? v[0] : null;

    private static List<string> List(IFormCollection form, string key) =>
        form.TryGetValue(key, out var values)
            ? [.. values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))]
            : [];

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
