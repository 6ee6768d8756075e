using System.Text.Json;
using SalesCoach.Content.Library;
using SalesCoach.Content.Ranking;

namespace SalesCoach.Content.Evaluation;

/// <summary>One line of library.jsonl: the content API body plus the externalId judgments refer to.</summary>
public sealed record LibraryLine(
    string? ExternalId, string? Title, string? Summary, string? Body, string? Url, string? Type, string? Language,
    List<string>? Tags, List<string>? Industries, List<string>? Products, List<string>? Stages, List<string>? Personas, List<string>? Competitors)
{
    public ContentDraft ToDraft() => ContentNormalizer.Normalize(new ContentDraft(
        ExternalId, Title ?? "", Summary, Body ?? "", Url, Type ?? "", Language ?? "",
        Tags ?? [], Industries ?? [], Products ?? [], Stages ?? [], Personas ?? [], Competitors ?? []));
}

public sealed record QueryContextLine(
    string? Crm, string? RecordType, string? Stage, string? Industry, List<string>? Products, List<string>? Competitors, string? Persona);

/// <summary>One line of queries.jsonl: a record context, conversation snippets and graded judgments (0-3) by externalId.</summary>
public sealed record QueryLine(string Id, QueryContextLine? Context, List<string>? Conversation, string? Language, Dictionary<string, int>? Judgments, string? Split)
{
    public RecommendationQuery ToQuery(int limit, RankingMode mode)
    {
        var c = Context;
        var record = c is null ? RecordContext.Empty
            : new RecordContext(c.Crm, c.RecordType, c.Stage, c.Industry, c.Products ?? [], c.Competitors ?? [], c.Persona);
        return new RecommendationQuery(record, Conversation ?? [], Language, limit, null, mode);
    }
}

public static class JudgedSet
{
    public static IEnumerable<LibraryLine> ReadLibrary(Stream stream) => ReadLines<LibraryLine>(stream);

    public static IEnumerable<QueryLine> ReadQueries(Stream stream) => ReadLines<QueryLine>(stream);

    private static IEnumerable<T> ReadLines<T>(Stream stream)
    {
        using var reader = new StreamReader(stream);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            T? value;
            try
            {
                value = JsonSerializer.Deserialize<T>(line, ContentJson.Options);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"Line {number} is not valid JSON: {e.Message}", e);
            }

            yield return value ?? throw new InvalidDataException($"Line {number} is empty JSON.");
        }
    }
}
