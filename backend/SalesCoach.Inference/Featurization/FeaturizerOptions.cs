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

    public void Validate()
    {
        if (Buckets < 16 || WordNgrams is < 1 or > 3 || CharNgramMin < 0 || CharNgramMax < CharNgramMin
            || CharNgramMax > 8 || CjkNgramMax is < 1 or > 4 || MaxFeatures < 16)
        {
            throw new ArgumentException($"Invalid featurizer options: {this}");
        }
    }
}
