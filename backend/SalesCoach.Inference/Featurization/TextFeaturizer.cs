using System.Buffers;
using System.Text;

namespace SalesCoach.Inference.Featurization;

/// <summary>
/// Turns text into hashed feature ids, the same way in training and in serving: NFKC,
/// culture-invariant lower case, numbers/URLs/e-mails folded to <c>&lt;num&gt;</c>,
/// <c>&lt;url&gt;</c>, <c>&lt;email&gt;</c>; word unigrams and bigrams; character n-grams
/// within word boundaries; character 1..3-grams over Han/kana runs (Mandarin has no spaces).
/// </summary>
public sealed class TextFeaturizer
{
    private const int StackChars = 512;
    private readonly FeaturizerOptions _options;
    private readonly ulong _buckets;

    public TextFeaturizer(FeaturizerOptions options)
    {
        options.Validate();
        _options = options;
        _buckets = (ulong)options.Buckets;
    }

    public FeaturizerOptions Options => _options;

    public FeatureBuffer CreateBuffer() => new(_options.MaxFeatures);

    /// <summary>Fills <paramref name="buffer"/> and returns the number of features.</summary>
    public int Featurize(ReadOnlySpan<char> text, FeatureBuffer buffer)
    {
        // Pure ASCII is already NFKC: skip the allocating normalisation on the hot path.
        string? normalized = null;
        if (!Ascii.IsValid(text))
        {
            normalized = new string(text).Normalize(NormalizationForm.FormKC);
            text = normalized;
        }

        char[]? rented = null;
        var lower = text.Length <= StackChars
            ? stackalloc char[StackChars]
            : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        lower = lower[..text.Length];
        text.ToLowerInvariant(lower);
        lower.Replace('\u2019', '\'');

        var sink = new FeatureSink(buffer, _buckets);
        var tokenizer = new Tokenizer(lower);
        ulong previous = 0;
        var hasPrevious = false;
        var previousKind = TokenKind.Word;
        while (!sink.Full && tokenizer.Next(out var token, out var kind))
        {
            var wordHash = kind switch
            {
                TokenKind.Number => NumberHash,
                TokenKind.Url => UrlHash,
                TokenKind.Email => EmailHash,
                _ => StableHash.Fnv1a(token, WordSeed),
            };
            sink.Add(wordHash);
            // Inside a Han run the character n-grams below already give the bigrams.
            if (hasPrevious && _options.WordNgrams >= 2 && !(kind == TokenKind.Han && previousKind == TokenKind.Han))
            {
                sink.Add(StableHash.Combine(previous, wordHash));
            }

            if (kind == TokenKind.Word)
            {
                AddCharNgrams(token, ref sink);
            }
            else if (kind == TokenKind.Han)
            {
                AddHanNgrams(tokenizer.HanContext(), ref sink);
            }

            previous = wordHash;
            previousKind = kind;
            hasPrevious = true;
        }

        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return sink.Finish();
    }

    private void AddCharNgrams(ReadOnlySpan<char> word, ref FeatureSink sink)
    {
        if (_options.CharNgramMax < 2)
        {
            return;
        }

        // Boundary markers make prefixes and suffixes distinct from inner n-grams.
        Span<char> marked = stackalloc char[66];
        var length = Math.Min(word.Length, 64);
        marked[0] = '<';
        word[..length].CopyTo(marked[1..]);
        marked[length + 1] = '>';
        marked = marked[..(length + 2)];
        var min = Math.Max(_options.CharNgramMin, 1);
        for (var start = 0; start < marked.Length && !sink.Full; start++)
        {
            var hash = CharSeedBasis;
            var maxEnd = Math.Min(marked.Length, start + _options.CharNgramMax);
            for (var end = start; end < maxEnd; end++)
            {
                hash = StableHash.Step(hash, marked[end]);
                var n = end - start + 1;
                // The whole marked word is the unigram already.
                if (n >= min && n < marked.Length)
                {
                    sink.Add(hash);
                }
            }
        }
    }

    /// <summary>The Han character is its own unigram; add the 2..N-grams that end at it.</summary>
    private void AddHanNgrams(ReadOnlySpan<char> endingHere, ref FeatureSink sink)
    {
        for (var n = 2; n <= _options.CjkNgramMax && n <= endingHere.Length; n++)
        {
            sink.Add(StableHash.Fnv1a(endingHere[^n..], HanSeed));
        }
    }

    private const ulong WordSeed = 0x57;
    private const ulong HanSeed = 0x48;
    private static readonly ulong CharSeedBasis = StableHash.Fnv1a("", 0x43);
    private static readonly ulong NumberHash = StableHash.Fnv1a("<num>", 0x53);
    private static readonly ulong UrlHash = StableHash.Fnv1a("<url>", 0x53);
    private static readonly ulong EmailHash = StableHash.Fnv1a("<email>", 0x53);
}
