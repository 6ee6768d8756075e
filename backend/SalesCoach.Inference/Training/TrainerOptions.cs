using SalesCoach.Inference.Featurization;

namespace SalesCoach.Inference.Training;

/// <summary>How the weights are learnt; both give the same kind of model file and the same serving contract.</summary>
public enum TrainingMethod
{
    /// <summary>fastText kind: averaged n-gram embeddings and a linear layer, plain SGD (<see cref="TrainerOptions.Dim"/>, epochs, learning rate, dropout).</summary>
    EmbeddingBag,

    /// <summary>
    /// One linear support vector machine per label (squared hinge loss, L2 penalty <see cref="TrainerOptions.SvmC"/>) over
    /// idf-weighted n-grams scaled to unit length per text; multi-label only. Converges to one optimum, no epochs.
    /// </summary>
    LinearSvm,
}

/// <summary>Hyper-parameters of one training run; the same options and seed give the same model bit for bit.</summary>
public sealed record TrainerOptions
{
    public TrainingMethod Method { get; init; } = TrainingMethod.EmbeddingBag;

    /// <summary>Linear SVM: weight of the training loss against the L2 penalty (larger fits the training data more closely).</summary>
    public float SvmC { get; init; } = 1f;

    public FeaturizerOptions Featurizer { get; init; } = new();

    public int Dim { get; init; } = 64;

    public int MaxEpochs { get; init; } = 30;

    /// <summary>Epochs without a better dev score before stopping.</summary>
    public int Patience { get; init; } = 4;

    /// <summary>Starting SGD step, decayed linearly to zero over <see cref="MaxEpochs"/> (as fastText does).</summary>
    public float LearningRate { get; init; } = 0.5f;

    /// <summary>Share of the training data held out (stratified) for early stopping and thresholds.</summary>
    public double DevFraction { get; init; } = 0.1;

    public int Seed { get; init; } = 42;

    /// <summary>Share of an example's features dropped at random in each training step.</summary>
    public float FeatureDropout { get; init; } = 0.5f;

    public bool MultiLabel { get; init; }

    /// <summary>The out-of-scope ("no signal") label, trained as a class and backed by a tuned score threshold.</summary>
    public string? OosLabel { get; init; }

    public void Validate()
    {
        Featurizer.Validate();
        if (Dim is < 1 or > 1024 || MaxEpochs is < 1 or > 1000 || Patience < 1
            || LearningRate is <= 0f or > 10f || FeatureDropout is < 0f or >= 1f || DevFraction is < 0 or >= 0.9)
        {
            throw new ArgumentException($"Invalid trainer options: {this}");
        }

        if (Method == TrainingMethod.LinearSvm && (!MultiLabel || SvmC is <= 0f or > 1000f))
        {
            throw new ArgumentException("The linear SVM trains multi-label models (--multi-label) with a C in (0, 1000].");
        }

        if (MultiLabel && OosLabel is not null)
        {
            throw new ArgumentException("--oos-label applies to multi-class models; a multi-label model says 'no signal' by leaving every label under its threshold.");
        }
    }
}
