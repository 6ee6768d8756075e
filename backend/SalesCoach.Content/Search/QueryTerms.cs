namespace SalesCoach.Content.Search;

/// <summary>One query word: as written (for PostgreSQL's own stemmer) and as our analyzer reduces it (SQLite, semantic model).</summary>
public sealed record QueryTerm(string Raw, string Token);

public static class QueryTerms
{
    /// <summary>
    /// Distinct terms of a query. A whole conversation makes a long query, and every OR'ed term
    /// costs a posting-list walk, so when a document-frequency table is known the rarest
    /// (most telling) terms are kept, up to <paramref name="max"/>.
    /// </summary>
    /// <param name="maxDocumentFrequency">
    /// Terms in more documents than this are dropped (when a frequency table is given): their
    /// idf is near zero, so they barely move BM25, yet their long posting lists dominate its cost.
    /// </param>
    public static List<QueryTerm> From(string text, string language, int max, Func<string, int>? documentFrequency = null, int maxDocumentFrequency = int.MaxValue)
    {
        var terms = new List<QueryTerm>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in TextAnalyzer.Words(text))
        {
            foreach (var token in TextAnalyzer.Tokens(word, language))
            {
                if (seen.Add(token))
                {
                    terms.Add(new QueryTerm(TextAnalyzer.IsHan(word[0]) ? token : word, token));
                }
            }
        }

        if (documentFrequency is null)
        {
            return terms.Count <= max ? terms : terms[..max];
        }

        return [.. terms.Select((t, i) => (t, i, df: documentFrequency(t.Token)))
                .Where(x => x.df > 0 && x.df <= maxDocumentFrequency)
                .OrderBy(x => x.df).ThenBy(x => x.i)
                .Take(max)
                .OrderBy(x => x.i)
                .Select(x => x.t)];
    }
}
