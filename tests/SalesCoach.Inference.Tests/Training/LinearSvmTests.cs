using SalesCoach.Inference.Evaluation;
using SalesCoach.Inference.Featurization;
using SalesCoach.Inference.Models;
using SalesCoach.Inference.Training;

namespace SalesCoach.Inference.Tests.Training;

public class LinearSvmTests
{
    private static readonly TrainerOptions Svm = new()
    {
        Featurizer = new FeaturizerOptions { Buckets = 1 << 12 },
        Method = TrainingMethod.LinearSvm,
        MultiLabel = true,
    };

    [Fact]
    public void Train_MultiLabel_LearnsHeldOutExamples()
    {
        var model = EmbeddingBagTrainer.Train(SyntheticData.Create(60, seed: 2, multiLabel: true), Svm);
        var classifier = new TextClassifier(model);
        var test = SyntheticData.Create(15, seed: 99, multiLabel: true);
        var exact = test.Count(e => classifier.Predict(e.Text).Labels.Select(i => model.Metadata.Labels[i]).Order().SequenceEqual(e.Labels.Order()));
        Assert.True(exact >= 0.9 * test.Count, $"{exact}/{test.Count} exactly right");

        // A linear model in the embedding-bag shape: one dimension per label, identity output, idf feature weights.
        var c = model.Classifier;
        Assert.Equal((c.LabelCount, OutputActivation.Sigmoid, TrainingMethod.LinearSvm), (c.Dim, c.Activation, model.Metadata.Method));
        Assert.Equal(Enumerable.Range(0, c.LabelCount * c.LabelCount).Select(i => i % (c.LabelCount + 1) == 0 ? 1f : 0f), c.Output);
        Assert.NotNull(c.FeatureWeights);
        Assert.Contains(c.FeatureWeights, w => w > 1f);
    }

    [Fact]
    public void Train_SameSeed_BitIdenticalWeights_OtherC_DifferentWeights()
    {
        var data = SyntheticData.Create(30, seed: 4, multiLabel: true);
        var first = EmbeddingBagTrainer.Train(data, Svm).Classifier;
        var second = EmbeddingBagTrainer.Train(data, Svm).Classifier;
        var looser = EmbeddingBagTrainer.Train(data, Svm with { SvmC = 0.05f }).Classifier;
        Assert.Equal(first.Embeddings, second.Embeddings);
        Assert.Equal(first.Bias, second.Bias);
        Assert.NotEqual(first.Embeddings, looser.Embeddings);
        // A smaller C penalises weights more: the solution is shorter.
        Assert.True(Norm(looser.Embeddings) < Norm(first.Embeddings));
    }

    [Fact]
    public void FeatureWeights_UnseenFeaturesWeighNothing_TextOfOnlyUnseenFeaturesScoresTheBias()
    {
        var model = EmbeddingBagTrainer.Train(SyntheticData.Create(20, seed: 5, multiLabel: true), Svm);
        var featurizer = new TextFeaturizer(model.Metadata.Featurizer);
        var buffer = featurizer.CreateBuffer();
        var count = featurizer.Featurize("too expensive", buffer);
        Assert.All(buffer.IdSpan[..count].ToArray(), id => Assert.True(model.Classifier.FeatureWeights![id] > 0f));

        // Ids no training text produced: weight 0, so the text's score is the bias alone (no division by zero).
        var unseen = Enumerable.Range(0, model.Classifier.Buckets).Where(b => model.Classifier.FeatureWeights![b] == 0f).Take(3).Select(b => (long)b).ToArray();
        Assert.Equal(3, unseen.Length);
        var scores = new EmbeddingBagScorer(model.Classifier).Score(unseen, [1f, 1f, 1f]);
        var expected = model.Classifier.Bias.Select(b => 1f / (1f + MathF.Exp(-b))).ToArray();
        Assert.Equal(expected, scores, (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Scorer_PaddingAndGivenWeights_DoNotChangeScores()
    {
        // The model weighs features itself: the caller's 1/count weights only mark real features; zeros are padding.
        var model = EmbeddingBagTrainer.Train(SyntheticData.Create(20, seed: 6, multiLabel: true), Svm).Classifier;
        var scorer = new EmbeddingBagScorer(model);
        long[] ids = [5, 17, 17, 400];
        var plain = scorer.Score(ids, [0.25f, 0.25f, 0.25f, 0.25f]);
        Assert.Equal(plain, scorer.Score(ids, [1f, 1f, 1f, 1f]));
        Assert.Equal(plain, scorer.Score([5, 17, 17, 400, 0, 0], [0.25f, 0.25f, 0.25f, 0.25f, 0f, 0f]));
    }

    [Fact]
    public void OnnxRuntime_PaddedBatch_MatchesManagedScores()
    {
        using var dir = new TempDirectory();
        var trained = EmbeddingBagTrainer.Train(SyntheticData.Create(20, seed: 7, multiLabel: true), Svm);
        ModelDirectory.Save(dir.Path, trained);
        using var session = OnnxTextScorer.OpenSession(dir.Path);
        var scorer = new EmbeddingBagScorer(trained.Classifier);
        // Two rows of a [2, 4] batch: the second is padded with zero weights.
        long[] ids = [3, 9, 9, 1000, 12, 44, 0, 0];
        float[] weights = [0.25f, 0.25f, 0.25f, 0.25f, 0.5f, 0.5f, 0f, 0f];
        var onnx = SalesCoach.Inference.Runtime.EmbeddingBagSession.Score(session, ids, weights, batch: 2);
        var labels = trained.Classifier.LabelCount;
        var first = scorer.Score(ids.AsSpan(0, 4), weights.AsSpan(0, 4));
        var second = scorer.Score(ids.AsSpan(4, 2), weights.AsSpan(4, 2));
        Assert.Equal(first, onnx[..labels], (a, b) => Math.Abs(a - b) <= 1e-5);
        Assert.Equal(second, onnx[labels..], (a, b) => Math.Abs(a - b) <= 1e-5);
    }

    [Fact]
    public void Options_LinearSvmWithoutMultiLabelOrWithBadC_Throw()
    {
        var data = SyntheticData.Create(10, seed: 1);
        Assert.Throws<ArgumentException>(() => EmbeddingBagTrainer.Train(data, Svm with { MultiLabel = false }));
        Assert.Throws<ArgumentException>(() => EmbeddingBagTrainer.Train(data, Svm with { SvmC = 0f }));
    }

    private static double Norm(float[] values) => Math.Sqrt(values.Sum(v => (double)v * v));
}
