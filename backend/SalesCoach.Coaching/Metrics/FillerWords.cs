using System.Collections.Frozen;

namespace SalesCoach.Coaching.Metrics;

/// <summary>
/// Filler words and phrases per language, counted in the rep's and the customer's speech.
/// Multi-word fillers ("you know", "o sea") are matched as phrases; Chinese fillers are
/// matched as substrings because the text has no spaces.
/// </summary>
public static class FillerWords
{
    private static readonly FrozenDictionary<string, string[]> Lists = new Dictionary<string, string[]>
    {
        ["en"] = ["um", "uh", "uhm", "erm", "er", "ah", "like", "you know", "i mean", "basically", "actually", "literally", "sort of", "kind of"],
        ["es"] = ["eh", "em", "este", "pues", "o sea", "bueno", "vale", "digamos", "tipo", "en plan", "es que"],
        ["fr"] = ["euh", "ben", "bah", "genre", "du coup", "en fait", "voilà", "quoi", "bref", "tu vois", "vous voyez"],
        ["de"] = ["äh", "ähm", "öh", "hm", "halt", "eben", "sozusagen", "quasi", "irgendwie", "also", "na ja", "weißt du"],
        ["zh"] = ["嗯", "呃", "啊", "那个", "这个", "就是", "然后", "对吧", "怎么说呢"],
    }.ToFrozenDictionary();

    // The same lists split into their words once, for matching phrases word by word (it runs for every segment).
    private static readonly FrozenDictionary<string, string[][]> Phrases =
        Lists.ToFrozenDictionary(l => l.Key, l => l.Value.Select(filler => filler.Split(' ')).ToArray());

    public static IReadOnlyList<string> For(string language) => Lists.TryGetValue(language, out var list) ? list : Lists["en"];

    /// <summary>Counts filler occurrences in <paramref name="text"/>.</summary>
    public static int Count(string text, string language) => Count(text, language == "zh" ? [] : Words.Split(text), language);

    /// <summary>Counts filler occurrences in <paramref name="text"/>, already split by <see cref="Words.Split"/> into <paramref name="words"/>.</summary>
    public static int Count(string text, IReadOnlyList<string> words, string language)
    {
        if (language == "zh")
        {
            var total = 0;
            foreach (var filler in For(language))
            {
                for (var at = text.IndexOf(filler, StringComparison.Ordinal); at >= 0; at = text.IndexOf(filler, at + filler.Length, StringComparison.Ordinal))
                {
                    total++;
                }
            }

            return total;
        }

        var phrases = Phrases.TryGetValue(language, out var own) ? own : Phrases["en"];
        var count = 0;
        for (var i = 0; i < words.Count; i++)
        {
            foreach (var parts in phrases)
            {
                if (MatchesAt(words, i, parts))
                {
                    count++;
                    break;
                }
            }
        }

        return count;
    }

    private static bool MatchesAt(IReadOnlyList<string> words, int index, string[] parts)
    {
        if (index + parts.Length > words.Count)
        {
            return false;
        }

        for (var p = 0; p < parts.Length; p++)
        {
            if (!string.Equals(words[index + p], parts[p], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
