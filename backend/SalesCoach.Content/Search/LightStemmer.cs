namespace SalesCoach.Content.Search;

/// <summary>
/// Suffix stripping in the spirit of the "light" stemmers of Savoy et al.: it conflates plural
/// and common inflections (prices/price, precios/precio, Preise/Preis) without the aggressive
/// rules that make unrelated words collide. Words arrive lower-cased and accent-folded.
/// </summary>
public static class LightStemmer
{
    public static string Stem(string word, string language)
    {
        if (word.Length <= 3 || char.IsDigit(word[^1]))
        {
            return word;
        }

        return language switch
        {
            "es" => Spanish(word),
            "fr" => French(word),
            "de" => German(word),
            _ => English(word),
        };
    }

    private static string English(string w)
    {
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4)
        {
            return w[..^3] + "y";
        }

        if (w.EndsWith("ing", StringComparison.Ordinal) && w.Length > 5)
        {
            return w[..^3];
        }

        if (w.EndsWith("ed", StringComparison.Ordinal) && w.Length > 4)
        {
            return w[..^2];
        }

        if (w.EndsWith("es", StringComparison.Ordinal) && w.Length > 4 && "sxz".Contains(w[^3]))
        {
            return w[..^2];
        }

        return w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal)
            && !w.EndsWith("is", StringComparison.Ordinal) ? w[..^1] : w;
    }

    private static string Spanish(string w)
    {
        if (w.EndsWith("ciones", StringComparison.Ordinal))
        {
            return w[..^6] + "cion";
        }

        if (w.EndsWith("es", StringComparison.Ordinal) && w.Length > 5)
        {
            return w[..^2];
        }

        return w.EndsWith('s') && w.Length > 4 ? w[..^1] : w;
    }

    private static string French(string w)
    {
        if (w.EndsWith("aux", StringComparison.Ordinal) && w.Length > 4)
        {
            return w[..^3] + "al";
        }

        if ((w.EndsWith('s') || w.EndsWith('x')) && w.Length > 4)
        {
            w = w[..^1];
        }

        return w.EndsWith('e') && w.Length > 4 ? w[..^1] : w;
    }

    /// <summary>Two rounds of stripping, so an inflected form and its base meet (Preise -> Preis -> Prei, Preis -> Prei).</summary>
    private static string German(string w)
    {
        if (w.EndsWith("ungen", StringComparison.Ordinal))
        {
            return w[..^2];
        }

        for (var round = 0; round < 2; round++)
        {
            foreach (var suffix in (ReadOnlySpan<string>)["en", "er", "es", "e", "n", "s"])
            {
                if (w.EndsWith(suffix, StringComparison.Ordinal) && w.Length - suffix.Length >= 4)
                {
                    w = w[..^suffix.Length];
                    break;
                }
            }
        }

        return w;
    }
}
