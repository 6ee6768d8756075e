namespace SalesCoach.Inference.Featurization;

/// <summary>A language code ("en", "es", "fr", "de", "zh", or "und" when undecided) and how sure.</summary>
public readonly record struct LanguageGuess(string Language, float Confidence);

/// <summary>
/// Detects the five languages we serve: Han script decides Mandarin; for Latin script,
/// frequent words, typical trigrams and letters unique to one language vote.
/// </summary>
public static class LanguageDetector
{
    public const string Undetermined = "und";
    private static readonly HashSet<string>[] WordSets = [.. LanguageProfiles.Words.Select(w => w.ToHashSet())];
    private static readonly HashSet<string>[] TrigramSets = [.. LanguageProfiles.Trigrams.Select(w => w.ToHashSet())];

    public static LanguageGuess Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.ToLowerInvariant().Replace('\u2019', '\'');
        int han = 0, letters = 0;
        foreach (var c in lower)
        {
            if (Tokenizer.IsHan(c))
            {
                han++;
            }
            else if (char.IsLetter(c))
            {
                letters++;
            }
        }

        if (han > 0 && han * 2 >= letters / 4)
        {
            return new LanguageGuess("zh", Math.Min(1f, (float)han / (han + letters / 4 + 1) + 0.5f));
        }

        var scores = new float[LanguageProfiles.Languages.Length];
        foreach (var word in lower.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            for (var l = 0; l < scores.Length; l++)
            {
                if (WordSets[l].Contains(word))
                {
                    scores[l] += 2f;
                }

                for (var i = 0; i + 3 <= word.Length; i++)
                {
                    if (TrigramSets[l].Contains(word.Substring(i, 3)))
                    {
                        scores[l] += 0.5f;
                    }
                }
            }

            foreach (var c in word)
            {
                var distinctive = LanguageProfiles.DistinctiveLanguage(c);
                if (distinctive >= 0)
                {
                    scores[distinctive] += 1.5f;
                }
            }
        }

        var best = 0;
        for (var l = 1; l < scores.Length; l++)
        {
            best = scores[l] > scores[best] ? l : best;
        }

        var total = scores.Sum();
        return total <= 0f
            ? new LanguageGuess(Undetermined, 0f)
            : new LanguageGuess(LanguageProfiles.Languages[best], scores[best] / total);
    }

    private static readonly char[] Separators = [' ', '\t', '\n', '\r', ',', '.', ';', ':', '!', '?', '¿', '¡', '"', '(', ')', '-'];
}
