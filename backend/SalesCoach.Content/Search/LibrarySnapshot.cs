using SalesCoach.Content.Library;

namespace SalesCoach.Content.Search;

/// <summary>What the ranker needs of one active item, with metadata lower-cased once.</summary>
public sealed record IndexedItem(
    string Id,
    string Title,
    string Type,
    string? Url,
    string Language,
    string[] Industries,
    string[] Products,
    string[] Stages,
    string[] Personas,
    string[] Competitors,
    IReadOnlyDictionary<string, string> CompetitorNames,
    bool MentionsRoi,
    bool MentionsOnboarding)
{
    /// <summary>Type x ROI x onboarding as one small number, so per-query tables can be indexed by it.</summary>
    public int Kind { get; } = (((ContentTypes.All as IList<string>)!.IndexOf(Type) + 1) * 4) + (MentionsRoi ? 2 : 0) + (MentionsOnboarding ? 1 : 0);
}

/// <summary>
/// An immutable, in-memory view of one tenant's active library at one revision: metadata for
/// context matching, the semantic model trained on this library, and every item's embedding.
/// </summary>
public sealed class LibrarySnapshot
{
    private readonly float[] _embeddings;
    private readonly Dictionary<string, int> _positions;
    private readonly Lazy<Dictionary<string, List<int>>> _postings;

    private LibrarySnapshot(long revision, IndexedItem[] items, SemanticModel model, float[] embeddings, IReadOnlyDictionary<string, string> competitors)
    {
        Revision = revision;
        Items = items;
        Model = model;
        _embeddings = embeddings;
        Competitors = competitors;
        _positions = new Dictionary<string, int>(items.Length, StringComparer.Ordinal);
        for (var i = 0; i < items.Length; i++)
        {
            _positions[items[i].Id] = i;
        }

        _postings = new Lazy<Dictionary<string, List<int>>>(() => Postings(items));
        Kinds = [.. items.Select(i => i.Kind)];
        LanguageIndexes = [.. items.Select(i => (byte)(ContentLanguages.All as IList<string>)!.IndexOf(i.Language))];
    }

    /// <summary>Each item's <see cref="IndexedItem.Kind"/>, flat, so a scan over the library stays in cache.</summary>
    public int[] Kinds { get; }

    /// <summary>Each item's language as an index into <see cref="ContentLanguages.All"/>.</summary>
    public byte[] LanguageIndexes { get; }

    private static Dictionary<string, List<int>> Postings(IndexedItem[] items)
    {
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        void Add(string field, string[] values, int index)
        {
            foreach (var value in values)
            {
                var key = $"{field}:{value}";
                if (!postings.TryGetValue(key, out var list))
                {
                    postings[key] = list = [];
                }

                list.Add(index);
            }
        }

        for (var i = 0; i < items.Length; i++)
        {
            Add("stage", items[i].Stages, i);
            Add("industry", items[i].Industries, i);
            Add("product", items[i].Products, i);
            Add("persona", items[i].Personas, i);
            Add("competitor", items[i].Competitors, i);
        }

        return postings;
    }

    public int? IndexOf(string id) => _positions.TryGetValue(id, out var i) ? i : null;

    /// <summary>
    /// Items carrying a metadata value, keyed "stage:", "industry:", "product:", "persona:" or
    /// "competitor:" + the lower-cased value: how a large library finds context matches without a full scan.
    /// </summary>
    public IReadOnlyList<int> WithMetadata(string field, string? key) =>
        key is { Length: > 0 } && _postings.Value.TryGetValue($"{field}:{key}", out var list) ? list : [];

    public long Revision { get; }

    public IndexedItem[] Items { get; }

    public SemanticModel Model { get; }

    /// <summary>Every competitor named anywhere in the library: lower-cased name -> name as written.</summary>
    public IReadOnlyDictionary<string, string> Competitors { get; }

    public ReadOnlySpan<float> Embedding(int index) => _embeddings.AsSpan(index * SemanticModel.Dimensions, SemanticModel.Dimensions);

    public static LibrarySnapshot Build(long revision, IReadOnlyList<ContentItem> items)
    {
        var documents = new List<IReadOnlyList<string>>(items.Count);
        var indexed = new IndexedItem[items.Count];
        var competitors = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var d = items[i].Draft;
            var tokens = ConceptLexicon.Expand(DocumentTokens(d));
            documents.Add(tokens);
            var head = ConceptLexicon.Expand(TextAnalyzer.Tokens($"{d.Title} {d.Summary} {string.Join(' ', d.Tags)}", d.Language));
            var names = d.Competitors.ToDictionary(c => c.ToLowerInvariant(), c => c);
            foreach (var (key, name) in names)
            {
                competitors.TryAdd(key, name);
            }

            indexed[i] = new IndexedItem(items[i].Id, d.Title, d.Type, d.Url, d.Language,
                Lower(d.Industries), Lower(d.Products), Lower(d.Stages), Lower(d.Personas), Lower(d.Competitors), names,
                head.Contains(ConceptLexicon.Roi), head.Contains(ConceptLexicon.Onboarding));
        }

        var model = SemanticModel.Train(documents);
        var embeddings = new float[items.Count * SemanticModel.Dimensions];
        for (var i = 0; i < items.Count; i++)
        {
            model.Embed(documents[i], embeddings.AsSpan(i * SemanticModel.Dimensions, SemanticModel.Dimensions));
        }

        return new LibrarySnapshot(revision, indexed, model, embeddings, competitors);
    }

    /// <summary>Title and metadata count twice: they are what the author chose to say the item is about.</summary>
    public static List<string> DocumentTokens(ContentDraft d)
    {
        var head = $"{d.Title} {d.Summary} {string.Join(' ', d.Tags)} {string.Join(' ', d.Industries)} {string.Join(' ', d.Products)} " +
            $"{string.Join(' ', d.Competitors)} {string.Join(' ', d.Personas)}";
        var tokens = TextAnalyzer.Tokens(head, d.Language);
        tokens.AddRange(tokens.ToArray());
        tokens.AddRange(TextAnalyzer.Tokens(d.Body.Length > 20_000 ? d.Body[..20_000] : d.Body, d.Language));
        return tokens;
    }

    private static string[] Lower(IReadOnlyList<string> values) => [.. values.Select(v => v.ToLowerInvariant())];
}
