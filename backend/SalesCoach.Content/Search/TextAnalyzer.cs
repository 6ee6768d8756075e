using System.Globalization;
using System.Text;

namespace SalesCoach.Content.Search;

/// <summary>
/// The one analysis chain shared by both full-text stores and the semantic model: lower case,
/// accents folded, stop words dropped, a light per-language stemmer, and Mandarin split into
/// overlapping character bigrams (Han text has no spaces, so bigrams stand in for words).
/// </summary>
public static class TextAnalyzer
{
    public static List<string> Tokens(string? text, string language)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }

        foreach (var word in Words(text))
        {
            if (IsHan(word[0]))
            {
                AddBigrams(word, tokens);
                continue;
            }

            var folded = Fold(word);
            if (folded.Length < 2 || StopWords.All.Contains(folded))
            {
                continue;
            }

            tokens.Add(LightStemmer.Stem(folded, language));
        }

        return tokens;
    }

    /// <summary>Text for PostgreSQL's to_tsvector: Han runs become space-separated bigrams, the rest is left to the language's config.</summary>
    public static string ForPostgres(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var word in Words(text))
        {
            if (IsHan(word[0]))
            {
                var bigrams = new List<string>();
                AddBigrams(word, bigrams);
                builder.AppendJoin(' ', bigrams);
            }
            else
            {
                builder.Append(word);
            }

            builder.Append(' ');
        }

        return builder.ToString();
    }

    /// <summary>Runs of letters/digits; a Han run is its own word even when glued to Latin letters.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var start = -1;
        var han = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            var isHan = IsHan(c);
            var isWord = isHan || char.IsLetterOrDigit(c);
            if (start >= 0 && (!isWord || isHan != han))
            {
                yield return text[start..i];
                start = -1;
            }

            if (isWord && start < 0)
            {
                start = i;
                han = isHan;
            }
        }
    }

    public static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf';

    public static string Fold(string word)
    {
        var lower = word.ToLowerInvariant().Replace("ß", "ss", StringComparison.Ordinal);
        var decomposed = lower.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static void AddBigrams(string run, List<string> tokens)
    {
        if (run.Length == 1)
        {
            tokens.Add(run);
            return;
        }

        for (var i = 0; i + 1 < run.Length; i++)
        {
            tokens.Add(run.Substring(i, 2));
        }
    }
}
