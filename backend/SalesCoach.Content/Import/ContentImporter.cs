using System.Text.RegularExpressions;
using SalesCoach.Content.Library;

namespace SalesCoach.Content.Import;

/// <summary>
/// Turns an uploaded file plus metadata into a normalized draft. Nothing is written here: the
/// caller validates the draft and stores it in one transaction, so a bad file never half-writes.
/// </summary>
public sealed class ContentImporter
{
    /// <summary>The largest file accepted (the API raises its body limit on the import route to match).</summary>
    public const long MaxFileBytes = 20L * 1024 * 1024;

    public static ExtractedText Extract(string fileName, byte[] bytes)
    {
        var format = ImportFormats.Of(fileName)
            ?? throw new ImportException(ImportFailure.Unsupported,
                $"Unsupported file type '{Path.GetExtension(fileName)}'. Import Markdown, HTML, plain text, DOCX or PPTX ({string.Join(", ", ImportFormats.ByExtension.Keys)}).");
        if (bytes.LongLength > MaxFileBytes)
        {
            throw new ImportException(ImportFailure.TooLarge, $"The file is larger than {MaxFileBytes / (1024 * 1024)} MB.");
        }

        ExtractedText text;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            text = format switch
            {
                "markdown" => PlainTextExtractors.Markdown(bytes),
                "html" => PlainTextExtractors.Html(bytes),
                "text" => PlainTextExtractors.Text(bytes),
                "docx" => OfficeTextExtractor.Docx(stream),
                _ => OfficeTextExtractor.Pptx(stream),
            };
        }
        catch (RegexMatchTimeoutException)
        {
            throw new ImportException(ImportFailure.Corrupt, "The file's markup could not be read in reasonable time.");
        }

        if (string.IsNullOrWhiteSpace(text.Body))
        {
            throw new ImportException(ImportFailure.Empty, "The file contains no text to import.");
        }

        return text;
    }

    /// <summary>The draft for a file: metadata given by the uploader wins; the file supplies the body and, if none is given, the title.</summary>
    public static ContentDraft ToDraft(ExtractedText text, ContentDraft metadata, string fileName)
    {
        var title = !string.IsNullOrWhiteSpace(metadata.Title) ? metadata.Title
            : text.Title is { Length: > 0 } t ? Truncate(t, ContentLimits.TitleLength)
            : Path.GetFileNameWithoutExtension(fileName);
        return ContentNormalizer.Normalize(metadata with { Title = title, Body = text.Body });
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
