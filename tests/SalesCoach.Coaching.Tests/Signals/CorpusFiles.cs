using System.Text.Json;

namespace SalesCoach.Coaching.Tests.Signals;

/// <summary>One line of the signal corpus, read strictly from its JSON.</summary>
public sealed record CorpusLine(
    string Split, int LineNumber, string Id, string Text, IReadOnlyList<string> Labels,
    string Language, string Speaker, string Industry, string Group, bool HardNegative, int Batch);

/// <summary>Reads the committed corpus files (not a copy), so a bad edit to them fails the tests.</summary>
public static class CorpusFiles
{
    public static readonly string[] Splits = ["train", "dev", "test"];

    public static readonly string[] Languages = ["en", "es", "fr", "de", "zh"];

    public static readonly string[] Labels =
    [
        "objection_price", "objection_timing", "objection_authority", "objection_need",
        "objection_trust", "competitor", "buying_signal", "pricing_question", "next_step",
    ];

    public static readonly string[] Fields =
        ["id", "text", "labels", "language", "speaker", "industry", "group", "hard_negative", "batch"];

    private static readonly Lazy<IReadOnlyList<CorpusLine>> All = new(() =>
        Splits.SelectMany(split => Read(split, File.ReadAllLines(PathOf(split)))).ToList());

    public static IReadOnlyList<CorpusLine> Lines => All.Value;

    public static string Directory { get; } = FindCorpusDirectory();

    public static string PathOf(string split) => Path.Combine(Directory, $"{split}.jsonl");

    /// <summary>Parses one split; throws with the split and line number on any schema error.</summary>
    public static IEnumerable<CorpusLine> Read(string split, IEnumerable<string> rawLines)
    {
        var number = 0;
        foreach (var raw in rawLines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(raw))
            {
                throw new InvalidDataException($"{split}:{number}: blank line");
            }

            yield return Parse(split, number, raw);
        }
    }

    private static CorpusLine Parse(string split, int number, string raw)
    {
        string Where() => $"{split}:{number}";
        using var document = JsonDocument.Parse(raw);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{Where()}: not a JSON object");
        }

        var names = root.EnumerateObject().Select(p => p.Name).ToHashSet();
        if (!names.SetEquals(Fields))
        {
            throw new InvalidDataException($"{Where()}: fields are {string.Join(",", names)}");
        }

        string Text(string name) => root.GetProperty(name).ValueKind == JsonValueKind.String
            ? root.GetProperty(name).GetString()!
            : throw new InvalidDataException($"{Where()}: {name} is not a string");

        var labels = root.GetProperty("labels");
        if (labels.ValueKind != JsonValueKind.Array || labels.EnumerateArray().Any(l => l.ValueKind != JsonValueKind.String))
        {
            throw new InvalidDataException($"{Where()}: labels is not a list of strings");
        }

        var hard = root.GetProperty("hard_negative");
        if (hard.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new InvalidDataException($"{Where()}: hard_negative is not a boolean");
        }

        var batch = root.GetProperty("batch");
        if (batch.ValueKind != JsonValueKind.Number || !batch.TryGetInt32(out var batchNumber) || batchNumber is < 1 or > 3)
        {
            throw new InvalidDataException($"{Where()}: batch is not 1, 2 or 3");
        }

        return new CorpusLine(
            split, number, Text("id"), Text("text"),
            labels.EnumerateArray().Select(l => l.GetString()!).ToList(),
            Text("language"), Text("speaker"), Text("industry"), Text("group"), hard.GetBoolean(), batchNumber);
    }

    private static string FindCorpusDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SalesCoach.Plugins.sln")))
            {
                return Path.Combine(dir.FullName, "backend", "SalesCoach.Coaching", "Signals", "Corpus");
            }
        }

        throw new DirectoryNotFoundException("repository root (SalesCoach.Plugins.sln) not found above the test binaries");
    }
}
