namespace SalesCoach.Content.Import;

/// <summary>Text pulled out of a file, and the title the file itself suggests (a heading, a document title).</summary>
public sealed record ExtractedText(string? Title, string Body);

public enum ImportFailure
{
    Unsupported,
    Corrupt,
    TooLarge,
    Empty,
}

/// <summary>Why a file could not be read; the message is safe to show to the uploader.</summary>
public sealed class ImportException(ImportFailure failure, string message) : Exception(message)
{
    public ImportFailure Failure { get; } = failure;
}

public static class ImportFormats
{
    public static readonly IReadOnlyDictionary<string, string> ByExtension = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".md"] = "markdown",
        [".markdown"] = "markdown",
        [".html"] = "html",
        [".htm"] = "html",
        [".txt"] = "text",
        [".docx"] = "docx",
        [".pptx"] = "pptx",
    };

    public static string? Of(string fileName) => ByExtension.GetValueOrDefault(Path.GetExtension(fileName));
}
