using System.Buffers;
using System.Text;

namespace SalesCoach.Inference.Featurization;

/// <summary>
/// Turns text into hashed feature ids, the same way in training and in serving: NFKC,
/// culture-invariant lower case, numbers/URLs/e-mails folded to <c>&lt;num&gt;</c>,
/// <c>&lt;url&gt;</c>, <c>&lt;email&gt;</c>; word unigrams and bigrams; character n-grams
/// within word boundaries; character 1..3-grams over Han/kana runs (Mandarin has no spaces). Optionally the tokens in a
/// negation's scope get negated features as well (<see cref="FeaturizerOptions.NegationScope"/>).
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
    public int Featurize(ReadOnlySpan<char> text, FeatureBuffer buffer) => Featurize(text, default, buffer);

    /// <summary>
    /// Fills <paramref name="buffer"/> with the text's features, then, when the options read context, those of
    /// <paramref name="context"/> (the other side's previous turn) under seeds of their own: its word n-grams
    /// (<see cref="FeaturizerOptions.ContextNgrams"/>) and, for a short text, (context token, text token) pairs
    /// (<see cref="FeaturizerOptions.ContextPairWords"/>). Returns the number of features. An empty context, or options
    /// that read none, add nothing: the text featurizes as it always did.
    /// </summary>
    public int Featurize(ReadOnlySpan<char> text, ReadOnlySpan<char> context, FeatureBuffer buffer)
    {
        var sink = new FeatureSink(buffer, _buckets);
        char[]? rentedText = null, rentedContext = null;
        Span<ulong> textTokens = stackalloc ulong[FeaturizerOptions.MaxContextPairWords];
        var tokenCount = AddTextNgrams(Lower(text, stackalloc char[StackChars], ref rentedText), ref sink, textTokens);
        var pairWith = tokenCount <= _options.ContextPairWords ? textTokens[..tokenCount] : [];
        if ((_options.ContextNgrams > 0 || !pairWith.IsEmpty) && !context.IsEmpty)
        {
            var lower = Lower(context, stackalloc char[StackChars], ref rentedContext);
            AddContextNgrams(_options.ContextLastSentence ? LastSentence(lower) : lower, pairWith, ref sink);
        }

        foreach (var rented in (ReadOnlySpan<char[]?>)[rentedText, rentedContext])
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }

        return sink.Finish();
    }

    /// <summary>NFKC, culture-invariant lower case, curly apostrophe straightened; in <paramref name="stack"/> when it fits, else in a rented array.</summary>
    private static Span<char> Lower(ReadOnlySpan<char> text, Span<char> stack, ref char[]? rented)
    {
        // Pure ASCII is already NFKC: skip the allocating normalisation on the hot path.
        if (!Ascii.IsValid(text))
        {
            text = new string(text).Normalize(NormalizationForm.FormKC);
        }

        var lower = text.Length <= stack.Length ? stack : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        lower = lower[..text.Length];
        text.ToLowerInvariant(lower);
        lower.Replace('\u2019', '\'');
        return lower;
    }

    /// <summary>
    /// The text's features; returns its token count and keeps the first tokens' hashes in <paramref name="tokens"/> (for
    /// context pairs). With <see cref="FeaturizerOptions.NegationScope"/>, the tokens in a negation's scope also (or,
    /// with <see cref="FeaturizerOptions.NegationReplaces"/>, only) get their negated features: the same hashes under
    /// a negated seed.
    /// </summary>
    private int AddTextNgrams(ReadOnlySpan<char> lower, ref FeatureSink sink, Span<ulong> tokens)
    {
        var tokenizer = new Tokenizer(lower);
        ulong previous = 0, previousNegated = 0;
        var hasPrevious = false;
        var previousKind = TokenKind.Word;
        var count = 0;
        var scope = new NegationScopeState(_options.NegationScope);
        while (!sink.Full && tokenizer.Next(out var token, out var kind))
        {
            var wordHash = kind switch
            {
                TokenKind.Number => NumberHash,
                TokenKind.Url => UrlHash,
                TokenKind.Email => EmailHash,
                _ => StableHash.Fnv1a(token, WordSeed),
            };
            var negated = scope.Next(token, kind, ref tokenizer);
            if (count < tokens.Length)
            {
                tokens[count] = wordHash;
            }

            count++;
            // Inside a Han run the character n-grams below already give the bigrams.
            var bigram = hasPrevious && _options.WordNgrams >= 2 && !(kind == TokenKind.Han && previousKind == TokenKind.Han);
            var negatedHash = negated ? wordHash ^ NegatedSalt : wordHash;
            if (!negated || !_options.NegationReplaces)
            {
                sink.Add(wordHash);
                if (bigram)
                {
                    sink.Add(StableHash.Combine(previous, wordHash));
                }
            }

            if (negated)
            {
                sink.Add(negatedHash);
                if (bigram)
                {
                    sink.Add(StableHash.Combine(previousNegated, negatedHash));
                }
            }

            var markChars = negated && _options.NegationCharNgrams;
            if (!markChars || !_options.NegationReplaces)
            {
                AddTokenNgrams(token, kind, ref tokenizer, ref sink, CharSeedBasis, HanSeed);
            }

            if (markChars)
            {
                AddTokenNgrams(token, kind, ref tokenizer, ref sink, NegatedCharSeedBasis, NegatedHanSeed);
            }

            previous = wordHash;
            previousNegated = negatedHash;
            previousKind = kind;
            hasPrevious = true;
        }

        return count;
    }

    private void AddTokenNgrams(ReadOnlySpan<char> token, TokenKind kind, ref Tokenizer tokenizer, ref FeatureSink sink, ulong charSeedBasis, ulong hanSeed)
    {
        if (kind == TokenKind.Word)
        {
            AddCharNgrams(token, ref sink, charSeedBasis);
        }
        else if (kind == TokenKind.Han)
        {
            AddHanNgrams(tokenizer.HanContext(), ref sink, hanSeed);
        }
    }

    /// <summary>
    /// The context's tokens (each Han character one, as in the text) and, with <see cref="FeaturizerOptions.ContextNgrams"/> 2,
    /// the pairs of neighbours; no character n-grams. Every hash starts from a context seed, so "price" in the context and
    /// "price" in the text are different features. Each context token also pairs with each of <paramref name="pairWith"/>
    /// (a short text's tokens).
    /// </summary>
    private void AddContextNgrams(ReadOnlySpan<char> lower, ReadOnlySpan<ulong> pairWith, ref FeatureSink sink)
    {
        var tokenizer = new Tokenizer(lower);
        ulong previous = 0;
        var hasPrevious = false;
        while (!sink.Full && tokenizer.Next(out var token, out var kind))
        {
            var wordHash = kind switch
            {
                TokenKind.Number => ContextNumberHash,
                TokenKind.Url => ContextUrlHash,
                TokenKind.Email => ContextEmailHash,
                _ => StableHash.Fnv1a(token, ContextWordSeed),
            };
            if (_options.ContextNgrams >= 1)
            {
                sink.Add(wordHash);
            }

            if (hasPrevious && _options.ContextNgrams >= 2)
            {
                sink.Add(StableHash.Combine(previous ^ ContextBigramSalt, wordHash));
            }

            foreach (var textToken in pairWith)
            {
                sink.Add(StableHash.Combine(wordHash ^ ContextPairSalt, textToken));
            }

            previous = wordHash;
            hasPrevious = true;
        }
    }

    /// <summary>
    /// The last sentence, its closing punctuation kept: what follows the last sentence end before it ('.', '!', '?' or ';'
    /// before a space or a Han character, or '。' / '；' anywhere); the whole text when there is none.
    /// </summary>
    internal static ReadOnlySpan<char> LastSentence(ReadOnlySpan<char> text)
    {
        text = text.TrimEnd();
        var search = text.Length;
        while (search > 0 && IsSentenceEnd(text[search - 1]))
        {
            search--;
        }

        for (var i = search - 1; i >= 0; i--)
        {
            var c = text[i];
            if (c is '。' or '；' || (IsSentenceEnd(c) && (char.IsWhiteSpace(text[i + 1]) || text[i + 1] >= '\u2E80')))
            {
                return text[(i + 1)..];
            }
        }

        return text;
    }

    private static bool IsSentenceEnd(char c) => c is '.' or '!' or '?' or ';' or '。' or '！' or '？' or '；';

    private void AddCharNgrams(ReadOnlySpan<char> word, ref FeatureSink sink, ulong seedBasis)
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
            var hash = seedBasis;
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
    private void AddHanNgrams(ReadOnlySpan<char> endingHere, ref FeatureSink sink, ulong seed)
    {
        for (var n = 2; n <= _options.CjkNgramMax && n <= endingHere.Length; n++)
        {
            sink.Add(StableHash.Fnv1a(endingHere[^n..], seed));
        }
    }

    private const ulong WordSeed = 0x57;
    private const ulong HanSeed = 0x48;
    private static readonly ulong CharSeedBasis = StableHash.Fnv1a("", 0x43);
    private static readonly ulong NumberHash = StableHash.Fnv1a("<num>", 0x53);
    private static readonly ulong UrlHash = StableHash.Fnv1a("<url>", 0x53);
    private static readonly ulong EmailHash = StableHash.Fnv1a("<email>", 0x53);
    private const ulong NegatedSalt = 0x6E6F742D6E656700UL;
    private const ulong NegatedHanSeed = 0x4E48;
    private static readonly ulong NegatedCharSeedBasis = StableHash.Fnv1a("", 0x4E43);
    private const ulong ContextWordSeed = 0x7C57;
    private const ulong ContextBigramSalt = 0x636F6E7465787400UL;
    private const ulong ContextPairSalt = 0x7061697273000000UL;
    private static readonly ulong ContextNumberHash = StableHash.Fnv1a("<num>", 0x7C53);
    private static readonly ulong ContextUrlHash = StableHash.Fnv1a("<url>", 0x7C53);
    private static readonly ulong ContextEmailHash = StableHash.Fnv1a("<email>", 0x7C53);
}
