using System.Numerics.Tensors;

namespace SalesCoach.Content.Search;

/// <summary>
/// Word embeddings trained by random indexing (Kanerva, Sahlgren): each training document gets a
/// sparse random ternary "index vector"; a word's vector is the weighted sum of the index
/// vectors of the documents it occurs in. Words used in the same documents end up close, which
/// approximates LSA without an SVD, trains in one pass, and can be retrained on a tenant's
/// library in seconds. A text's embedding is the idf-weighted sum of its words' vectors.
/// </summary>
public sealed class SemanticModel
{
    public const int Dimensions = 128;
    private const int NonZeros = 8;

    private readonly Dictionary<string, int> _vocabulary;
    private readonly float[] _vectors;
    private readonly float[] _idf;
    private readonly int[] _documentFrequency;

    private SemanticModel(Dictionary<string, int> vocabulary, float[] vectors, float[] idf, int[] documentFrequency)
    {
        _vocabulary = vocabulary;
        _vectors = vectors;
        _idf = idf;
        _documentFrequency = documentFrequency;
    }

    public int VocabularySize => _vocabulary.Count;

    /// <summary>Trains on token lists (already concept-expanded); <paramref name="seed"/> fixes the index vectors.</summary>
    public static SemanticModel Train(IReadOnlyList<IReadOnlyList<string>> documents, int seed = 17)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var df = new List<int>();
        var rows = new List<float[]>();
        var positions = new int[NonZeros];
        var signs = new float[NonZeros];
        for (var d = 0; d < documents.Count; d++)
        {
            IndexVector(seed, StableHash(documents[d]), positions, signs);
            foreach (var (token, count) in Counts(documents[d]))
            {
                if (!vocabulary.TryGetValue(token, out var id))
                {
                    id = vocabulary.Count;
                    vocabulary[token] = id;
                    df.Add(0);
                    rows.Add(new float[Dimensions]);
                }

                df[id]++;
                var weight = MathF.Log(1 + count);
                var row = rows[id];
                for (var k = 0; k < NonZeros; k++)
                {
                    row[positions[k]] += signs[k] * weight;
                }
            }
        }

        var vectors = new float[rows.Count * Dimensions];
        var idf = new float[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var norm = TensorPrimitives.Norm(rows[i]);
            TensorPrimitives.Divide(rows[i], norm > 0 ? norm : 1, vectors.AsSpan(i * Dimensions, Dimensions));
            idf[i] = MathF.Log(1 + (float)documents.Count / df[i]);
        }

        return new SemanticModel(vocabulary, vectors, idf, [.. df]);
    }

    public int DocumentFrequency(string token) => _vocabulary.TryGetValue(token, out var id) ? _documentFrequency[id] : 0;

    /// <summary>The unit-length embedding of a token list (all zeros when no token is known).</summary>
    public void Embed(IReadOnlyList<string> tokens, Span<float> destination)
    {
        destination.Clear();
        foreach (var (token, count) in Counts(tokens))
        {
            if (_vocabulary.TryGetValue(token, out var id))
            {
                TensorPrimitives.MultiplyAdd(_vectors.AsSpan(id * Dimensions, Dimensions), _idf[id] * MathF.Log(1 + count), destination, destination);
            }
        }

        var norm = TensorPrimitives.Norm(destination);
        if (norm > 0)
        {
            TensorPrimitives.Divide(destination, norm, destination);
        }
    }

    private static Dictionary<string, int> Counts(IReadOnlyList<string> tokens)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            counts[token] = counts.GetValueOrDefault(token) + 1;
        }

        return counts;
    }

    /// <summary>
    /// FNV-1a over the document's tokens: the same document gets the same index vector whatever
    /// order the store returns items in, so the model (and the evaluation) is reproducible.
    /// </summary>
    private static int StableHash(IReadOnlyList<string> tokens)
    {
        var hash = 2166136261u;
        foreach (var token in tokens)
        {
            foreach (var c in token)
            {
                hash = (hash ^ c) * 16777619u;
            }

            hash = (hash ^ ' ') * 16777619u;
        }

        return unchecked((int)hash);
    }

    private static void IndexVector(int seed, int document, int[] positions, float[] signs)
    {
        // Random(int) is a fixed algorithm for a given seed, unlike HashCode, which is salted per process.
        var random = new Random(unchecked((seed * 1_000_003) + document));
        for (var k = 0; k < NonZeros; k++)
        {
            positions[k] = random.Next(Dimensions);
            signs[k] = random.Next(2) == 0 ? -1f : 1f;
        }
    }
}
