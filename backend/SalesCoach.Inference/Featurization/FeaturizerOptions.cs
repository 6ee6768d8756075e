namespace SalesCoach.Inference.Featurization;

/// <summary>
/// Settings that fix the feature space; they are saved with every model because serving must
/// featurize exactly as training did.
/// </summary>
public sealed record FeaturizerOptions
{
    public int Buckets { get; init; } = 1 << 16;

    /// <summary>1 = word unigrams only, 2 = unigrams + bigrams.</summary>
    public int WordNgrams { get; init; } = 2;

    public int CharNgramMin { get; init; } = 3;

    public int CharNgramMax { get; init; } = 5;

    /// <summary>Longest character n-gram over Han text (no spaces between words).</summary>
    public int CjkNgramMax { get; init; } = 3;

    /// <summary>Caps the work on very long texts; features past it are dropped.</summary>
    public int MaxFeatures { get; init; } = 2048;

    /// <summary>
    /// Word n-grams (1 = unigrams, 2 = unigrams + bigrams) of a context text, the other side's previous turn, hashed
    /// under seeds of their own into the same buckets, after the text's features. 0 (the default, and what every model
    /// file without this setting reads as) with <see cref="ContextPairWords"/> 0 = the model reads no context and a
    /// context given to it changes nothing.
    /// </summary>
    public int ContextNgrams { get; init; }

    /// <summary>Only the last sentence of the context counts (a long turn's closing question is what the answer answers).</summary>
    public bool ContextLastSentence { get; init; }

    /// <summary>
    /// With context on: for a text of at most this many tokens (a short answer), each pair of a context token and a text
    /// token is a feature too, so a linear model can tell "not really" after "is budget approved?" from the same words
    /// after "any concerns about security?". 0 = no pairs.
    /// </summary>
    public int ContextPairWords { get; init; }

    public const int MaxContextPairWords = 8;

    /// <summary>
    /// Negation scope marking: the tokens after a negation cue (not, n't, no, nunca, sin, ne/n', pas, nicht, kein, 不,
    /// 没...; <see cref="NegationCues"/>) up to this many, or to the next clause mark ('.', ',', ';', ':', '?', '!', '。',
    /// '、', brackets, dashes) or contrast word (but, pero, mais, aber, 但是...), whichever comes first, also get features
    /// of their own, so "donation" in "I do not want to make a donation" is not the "donation" of "I'd love to make a
    /// donation". Each Han character counts as one token. The cue itself keeps its plain features; a cue inside a scope
    /// starts a new one. 0 (the default, and what every model file without this setting reads as) = off: the text
    /// featurizes exactly as before.
    /// </summary>
    public int NegationScope { get; init; }

    /// <summary>
    /// With a scope: a token in it gets its negated word features INSTEAD of the plain ones (its unigram, and the bigram
    /// ending at it, under a negated seed). False (the default): in addition to them.
    /// </summary>
    public bool NegationReplaces { get; init; }

    /// <summary>
    /// With a scope: a token's character n-grams (a Han character's n-grams ending at it) are marked too, added or
    /// replaced as <see cref="NegationReplaces"/> says. False: only the word features are.
    /// </summary>
    public bool NegationCharNgrams { get; init; }

    public const int MaxNegationScope = 16;

    public void Validate()
    {
        if (Buckets < 16 || WordNgrams is < 1 or > 3 || CharNgramMin < 0 || CharNgramMax < CharNgramMin
            || CharNgramMax > 8 || CjkNgramMax is < 1 or > 4 || MaxFeatures < 16 || ContextNgrams is < 0 or > 2 || ContextPairWords is < 0 or > MaxContextPairWords
            || NegationScope is < 0 or > MaxNegationScope || (NegationScope == 0 && (NegationReplaces || NegationCharNgrams)))
        {
            throw new ArgumentException($"Invalid featurizer options: {this}");
        }
    }
}
