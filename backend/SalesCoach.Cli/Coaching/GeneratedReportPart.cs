namespace SalesCoach.Cli.Coaching;

/// <summary>
/// The part of a report file that a benchmark command owns: the text between <see cref="Begin"/> and <see cref="End"/>.
/// A run replaces that part and keeps every other line (the notes written by hand after a run). A file without the
/// markers keeps its whole text below the new generated part. A file with only one marker, with a marker twice, or with
/// the end before the beginning is not written: the run fails rather than guess what it may overwrite.
/// </summary>
public static class GeneratedReportPart
{
    public const string Begin = "<!-- generated: the benchmark command rewrites everything from here to the end marker; write notes outside it -->";
    public const string End = "<!-- end of the generated part -->";

    /// <summary>The file's new text: <paramref name="existing"/> (null when there is no file) with its generated part replaced.</summary>
    public static string Merge(string? existing, string generated)
    {
        var part = Begin + "\n" + generated.TrimEnd('\r', '\n') + "\n" + End;
        if (string.IsNullOrEmpty(existing))
        {
            return part + "\n";
        }

        var begin = existing.IndexOf(Begin, StringComparison.Ordinal);
        var end = existing.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 && end < 0)
        {
            return part + "\n\n" + existing;
        }

        if (begin < 0 || end < begin
            || existing.IndexOf(Begin, begin + Begin.Length, StringComparison.Ordinal) >= 0
            || existing.IndexOf(End, end + End.Length, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidDataException(
                $"The report's generated part is not marked by exactly one '{Begin}' followed by one '{End}'; fix the markers and run again.");
        }

        return existing[..begin] + part + existing[(end + End.Length)..];
    }

    /// <summary>Fails now, before a long run, if the report at <paramref name="path"/> could not take its result.</summary>
    public static void Check(string path)
    {
        if (File.Exists(path))
        {
            _ = Merge(File.ReadAllText(path), "");
        }
    }

    /// <summary>Replaces the generated part of the report at <paramref name="path"/> (creating the file and its folder if needed).</summary>
    public static async Task WriteAsync(string path, string generated, CancellationToken cancellationToken)
    {
        var existing = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : null;
        var merged = Merge(existing, generated);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, merged, cancellationToken);
    }
}
