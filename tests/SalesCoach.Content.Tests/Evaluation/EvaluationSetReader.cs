using System.Text.Json;
using System.Text.Json.Serialization;

namespace SalesCoach.Content.Tests.Evaluation;

public sealed record EvaluationItem(
    string ExternalId,
    string Title,
    string Summary,
    string Body,
    string Url,
    string Type,
    string Language,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Industries,
    IReadOnlyList<string> Products,
    IReadOnlyList<string> Stages,
    IReadOnlyList<string> Personas,
    IReadOnlyList<string> Competitors);

public sealed record EvaluationContext(
    string Crm,
    string RecordType,
    IReadOnlyList<string> Products,
    IReadOnlyList<string> Competitors,
    string? Stage = null,
    string? Industry = null,
    string? Persona = null);

public sealed record EvaluationQuery(
    string Id,
    string Kind,
    string Intent,
    EvaluationContext Context,
    IReadOnlyList<string> Conversation,
    string Language,
    IReadOnlyDictionary<string, int> Judgments);

/// <summary>
/// Reads the judged set from the repository itself, not from a copy in the build output, so
/// the test checks exactly the files the evaluation command and the demo tenant use.
/// </summary>
public static class EvaluationSetReader
{
    public const string LibraryFile = "library.jsonl";
    public const string TestQueriesFile = "queries.jsonl";
    public const string DevQueriesFile = "queries.dev.jsonl";

    // Strict on purpose: a misspelt or missing field in the data fails here, not silently later.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static string Directory { get; } = FindDirectory();

    public static IReadOnlyList<EvaluationItem> ReadLibrary() => ReadLines<EvaluationItem>(LibraryFile);

    public static IReadOnlyList<EvaluationQuery> ReadQueries(string fileName) => ReadLines<EvaluationQuery>(fileName);

    public static IReadOnlyList<T> ReadLines<T>(string fileName)
    {
        var path = Path.Combine(Directory, fileName);
        var rows = new List<T>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                throw new InvalidDataException($"{fileName}:{lineNumber}: empty line");
            }

            try
            {
                rows.Add(JsonSerializer.Deserialize<T>(line, Options)
                    ?? throw new InvalidDataException($"{fileName}:{lineNumber}: null"));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{fileName}:{lineNumber}: {e.Message}", e);
            }
        }

        return rows;
    }

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SalesCoach.Plugins.sln")))
            {
                return Path.Combine(dir.FullName, "backend", "SalesCoach.Content", "Evaluation");
            }
        }

        throw new DirectoryNotFoundException("SalesCoach.Plugins.sln not found above " + AppContext.BaseDirectory);
    }
}
