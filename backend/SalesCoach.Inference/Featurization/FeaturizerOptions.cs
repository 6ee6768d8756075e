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

    public void Validate()
    {
        if (Buckets < 16 || WordNgrams is < 1 or > 3 || CharNgramMin < 0 || CharNgramMax < CharNgramMin
            || CharNgramMax > 8 || CjkNgramMax is < 1 or > 4 || MaxFeatures < 16 || ContextNgrams is < 0 or > 2 || ContextPairWords is < 0 or > MaxContextPairWords)
        {
            throw new ArgumentException($"Invalid featurizer options: {this}");
        }
    }
}
