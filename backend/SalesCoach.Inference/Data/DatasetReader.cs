using System.Security.Cryptography;
using System.Text.Json;

namespace SalesCoach.Inference.Data;

/// <summary>What was read, what was skipped and the SHA-256 of the file (recorded with models).</summary>
public sealed record Dataset(IReadOnlyList<LabeledExample> Examples, int SkippedRows, string Sha256);

/// <summary>
/// Reads labelled text from CSV (header row) or JSONL (one object per line; a label may be a
/// string, a '|'-separated string or an array). Rows without text or label are skipped and counted.
/// With a context column, each row's context (the other side's previous turn) is read too; a row without one has none.
/// </summary>
public static class DatasetReader
{
    public const char LabelSeparator = '|';

    public static Dataset Read(string path, string textColumn, string labelColumn, string? contextColumn = null)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Data file not found: {path}", path);
        }

        var bytes = File.ReadAllBytes(path);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        using var reader = new StreamReader(new MemoryStream(bytes));
        var isJsonl = path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);
        var rows = isJsonl ? ReadJsonl(reader, textColumn, labelColumn, contextColumn) : ReadCsv(reader, textColumn, labelColumn, contextColumn);
        var examples = new List<LabeledExample>();
        var skipped = 0;
        foreach (var (text, labels, context) in rows)
        {
            if (string.IsNullOrWhiteSpace(text) || labels.Length == 0)
            {
                skipped++;
                continue;
            }

            examples.Add(new LabeledExample(text, labels, string.IsNullOrWhiteSpace(context) ? null : context));
        }

        return new Dataset(examples, skipped, sha);
    }

    public static string[] SplitLabels(string? value) => string.IsNullOrWhiteSpace(value)
        ? []
        : [.. value.Split(LabelSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct()];

    private static IEnumerable<(string? Text, string[] Labels, string? Context)> ReadCsv(
        TextReader reader, string textColumn, string labelColumn, string? contextColumn)
    {
        using var records = CsvParser.ReadRecords(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new InvalidDataException("CSV file is empty (a header row is required).");
        }

        var header = records.Current.Select(h => h.Trim().TrimStart('\uFEFF')).ToList();
        var textIndex = ColumnIndex(header, textColumn);
        var labelIndex = ColumnIndex(header, labelColumn);
        var contextIndex = contextColumn is null ? -1 : ColumnIndex(header, contextColumn);
        while (records.MoveNext())
        {
            var row = records.Current;
            if (row.Length == 1 && row[0].Length == 0)
            {
                continue;
            }

            yield return (textIndex < row.Length ? row[textIndex] : null,
                labelIndex < row.Length ? SplitLabels(row[labelIndex]) : [],
                contextIndex >= 0 && contextIndex < row.Length ? row[contextIndex] : null);
        }
    }

    private static int ColumnIndex(List<string> header, string column)
    {
        var index = header.IndexOf(column);
        return index >= 0
            ? index
            : throw new InvalidDataException($"Column '{column}' not in the header ({string.Join(", ", header)}).");
    }

    private static IEnumerable<(string? Text, string[] Labels, string? Context)> ReadJsonl(
        TextReader reader, string textColumn, string labelColumn, string? contextColumn)
    {
        var lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonElement root;
            try
            {
                root = JsonDocument.Parse(line).RootElement;
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"Line {lineNumber} is not valid JSON: {ex.Message}", ex);
            }

            var text = root.TryGetProperty(textColumn, out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var labels = !root.TryGetProperty(labelColumn, out var l) ? []
                : l.ValueKind == JsonValueKind.Array
                    ? [.. l.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).SelectMany(e => SplitLabels(e.GetString())).Distinct()]
                    : l.ValueKind == JsonValueKind.String ? SplitLabels(l.GetString()) : [];
            var context = contextColumn is not null && root.TryGetProperty(contextColumn, out var c) && c.ValueKind == JsonValueKind.String
                ? c.GetString()
                : null;
            yield return (text, labels, context);
        }
    }
}
