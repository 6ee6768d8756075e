using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SalesCoach.Coaching.Tests.Signals;

/// <summary>The corpus rules as pure functions: each returns the problems it finds, empty when clean.</summary>
public static partial class CorpusChecks
{
    private static readonly HashSet<string> Speakers = ["customer", "rep"];

    /// <summary>Key for near-duplicates: case, accents, punctuation and spacing ignored (as corpus.py does).</summary>
    public static string Normalise(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormKD);
        var key = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (char.IsLetterOrDigit(ch) && CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark)
            {
                key.Append(ch);
            }
        }

        return key.ToString();
    }

    public static IEnumerable<string> SchemaProblems(IEnumerable<CorpusLine> lines)
    {
        foreach (var line in lines)
        {
            var at = $"{line.Split}:{line.LineNumber} ({line.Id})";
            if (!CorpusFiles.Languages.Contains(line.Language))
            {
                yield return $"{at}: unknown language {line.Language}";
            }

            if (!IdPattern().IsMatch(line.Id) || !line.Id.StartsWith(line.Language + "-", StringComparison.Ordinal))
            {
                yield return $"{at}: id does not match its language";
            }

            if (!GroupPattern().IsMatch(line.Group) || !line.Group.StartsWith(line.Language + "-g", StringComparison.Ordinal))
            {
                yield return $"{at}: group {line.Group} does not match its language";
            }

            foreach (var label in line.Labels.Where(l => !CorpusFiles.Labels.Contains(l)))
            {
                yield return $"{at}: unknown label {label}";
            }

            if (line.Labels.Distinct().Count() != line.Labels.Count)
            {
                yield return $"{at}: repeated label";
            }

            if (!Speakers.Contains(line.Speaker) || !IndustryPattern().IsMatch(line.Industry))
            {
                yield return $"{at}: bad speaker or industry";
            }

            if (LengthProblem(line) is { } problem)
            {
                yield return $"{at}: {problem}";
            }
        }
    }

    public static IEnumerable<string> DuplicateIds(IEnumerable<CorpusLine> lines) =>
        lines.GroupBy(l => l.Id).Where(g => g.Count() > 1).Select(g => $"id {g.Key} used {g.Count()} times");

    public static IEnumerable<string> DuplicateTexts(IEnumerable<CorpusLine> lines) =>
        lines.GroupBy(l => Normalise(l.Text)).Where(g => g.Count() > 1)
            .Select(g => $"same text: {string.Join(" | ", g.Select(l => $"{l.Split}/{l.Id} \"{l.Text}\""))}");

    public static IEnumerable<string> GroupsAcrossSplits(IEnumerable<CorpusLine> lines) =>
        lines.GroupBy(l => l.Group).Where(g => g.Select(l => l.Split).Distinct().Count() > 1)
            .Select(g => $"group {g.Key} in {string.Join(", ", g.Select(l => l.Split).Distinct())}");

    public static IEnumerable<string> ThinLabels(IEnumerable<CorpusLine> lines, string split, int minimum) =>
        from language in CorpusFiles.Languages
        from label in CorpusFiles.Labels
        let count = lines.Count(l => l.Split == split && l.Language == language && l.Labels.Contains(label))
        where count < minimum
        select $"{split}/{language}/{label}: {count} positives, fewer than {minimum}";

    private static string? LengthProblem(CorpusLine line)
    {
        if (line.Text != line.Text.Trim() || line.Text.Length == 0)
        {
            return "text empty or padded";
        }

        if (line.Language == "zh")
        {
            // Mandarin is written without spaces; length is counted in characters.
            return line.Text.Any(char.IsWhiteSpace) ? "Mandarin text contains whitespace"
                : line.Text.Length is < 2 or > 80 ? $"{line.Text.Length} characters" : null;
        }

        var words = line.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return words is < 2 or > 40 ? $"{words} words" : null;
    }

    [GeneratedRegex("^(en|es|fr|de|zh)-[0-9]{4}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^(en|es|fr|de|zh)-g[0-9]{4}$")]
    private static partial Regex GroupPattern();

    [GeneratedRegex("^[a-z_]+$")]
    private static partial Regex IndustryPattern();
}
