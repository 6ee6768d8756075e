using SalesCoach.Content.Library;

namespace SalesCoach.Content.Import;

public sealed record BulkImportResult(int Added, int AlreadyPresent, IReadOnlyList<string> Errors);

/// <summary>
/// Imports a folder of files or a CSV manifest into one tenant's library. Every file is read and
/// validated first; if any fails, nothing is written. Each item's externalId defaults to its
/// relative path, so running the same import again adds nothing.
/// </summary>
public sealed class BulkImporter(ContentStore store)
{
    public const int MaxFiles = 10_000;

    public Task<BulkImportResult> ImportDirectoryAsync(string tenantId, string directory, ContentDraft defaults, CancellationToken cancellationToken = default)
    {
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => ImportFormats.Of(f) is not null)
            .Order(StringComparer.Ordinal)
            .Select(f => (Path: f, Metadata: defaults with { ExternalId = Path.GetRelativePath(directory, f).Replace('\\', '/') }))
            .ToList();
        return ImportAsync(tenantId, files, cancellationToken);
    }

    public Task<BulkImportResult> ImportManifestAsync(string tenantId, string manifestPath, ContentDraft defaults, CancellationToken cancellationToken = default)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var rows = CsvManifest.Read(File.ReadAllText(manifestPath));
        var files = rows.Select(r => (Path: Path.Combine(folder, r["path"]), Metadata: FromRow(r, defaults))).ToList();
        return ImportAsync(tenantId, files, cancellationToken);
    }

    private async Task<BulkImportResult> ImportAsync(string tenantId, List<(string Path, ContentDraft Metadata)> files, CancellationToken cancellationToken)
    {
        if (files.Count > MaxFiles)
        {
            return new BulkImportResult(0, 0, [$"At most {MaxFiles} files per import; found {files.Count}."]);
        }

        var drafts = new List<ContentDraft>();
        var errors = new List<string>();
        foreach (var (path, metadata) in files)
        {
            try
            {
                var info = new FileInfo(path);
                if (!info.Exists)
                {
                    errors.Add($"{path}: file not found");
                    continue;
                }

                if (info.Length > ContentImporter.MaxFileBytes)
                {
                    errors.Add($"{path}: larger than {ContentImporter.MaxFileBytes / (1024 * 1024)} MB");
                    continue;
                }

                var draft = ContentImporter.ToDraft(ContentImporter.Extract(path, await File.ReadAllBytesAsync(path, cancellationToken)), metadata, path);
                var problems = ContentValidator.Validate(draft);
                if (problems.Count > 0)
                {
                    errors.Add($"{path}: {string.Join(" ", problems.SelectMany(p => p.Value))}");
                    continue;
                }

                drafts.Add(draft);
            }
            catch (ImportException e)
            {
                errors.Add($"{path}: {e.Message}");
            }
        }

        if (errors.Count > 0)
        {
            return new BulkImportResult(0, 0, errors);
        }

        var results = await store.CreateManyAsync(tenantId, drafts, skipExistingExternalIds: true, cancellationToken);
        var added = results.Count(r => r.Status == WriteStatus.Done);
        return new BulkImportResult(added, results.Count - added, []);
    }

    private static ContentDraft FromRow(Dictionary<string, string> row, ContentDraft defaults)
    {
        string? Value(string key) => row.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        List<string>? List(string key) => Value(key)?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return new ContentDraft(
            Value("externalId") ?? row["path"].Replace('\\', '/'), Value("title") ?? "", Value("summary") ?? defaults.Summary, "", Value("url"),
            Value("type") ?? defaults.Type, Value("language") ?? defaults.Language,
            List("tags") ?? [.. defaults.Tags], List("industries") ?? [.. defaults.Industries], List("products") ?? [.. defaults.Products],
            List("stages") ?? [.. defaults.Stages], List("personas") ?? [.. defaults.Personas], List("competitors") ?? [.. defaults.Competitors]);
    }
}
