using SalesCoach.Inference.Evaluation;
using SalesCoach.Inference.Featurization;
using SalesCoach.Inference.Models;
using SalesCoach.Inference.Training;

namespace SalesCoach.Inference.Tests.Training;

/// <summary>A model the trainer wrote scores the same in ONNX Runtime as in the trainer's own maths, and passes python3-onnx's checker.</summary>
public class OnnxParityTests
{
    private static readonly TrainerOptions Small = new()
    {
        Featurizer = new FeaturizerOptions { Buckets = 1 << 12 },
        Dim = 16,
        LearningRate = 1f,
    };

    [Theory]
    [InlineData(false, TrainingMethod.EmbeddingBag)]
    [InlineData(true, TrainingMethod.EmbeddingBag)]
    [InlineData(true, TrainingMethod.LinearSvm)]
    public void SavedModel_OnnxRuntimeVersusTrainerMaths_Within1e5(bool multiLabel, TrainingMethod method)
    {
        using var dir = new TempDirectory();
        var trained = EmbeddingBagTrainer.Train(SyntheticData.Create(30, seed: 8, multiLabel), Small with { MultiLabel = multiLabel, Method = method });
        ModelDirectory.Save(dir.Path, trained);

        Assert.Null(PythonOnnx.Check(Path.Combine(dir.Path, ModelDirectory.OnnxFile)));
        var reloaded = ModelDirectory.Load(dir.Path);
        Assert.Equal(trained.Classifier.Embeddings, reloaded.Classifier.Embeddings);
        Assert.Equal(trained.Classifier.FeatureWeights, reloaded.Classifier.FeatureWeights);
        Assert.Equal(method == TrainingMethod.LinearSvm, reloaded.Classifier.FeatureWeights is not null);
        Assert.Equal(method, reloaded.Metadata.Method);
        Assert.Equal(trained.Metadata.Labels, reloaded.Metadata.Labels);

        using var session = OnnxTextScorer.OpenSession(dir.Path);
        var onnx = new OnnxTextScorer(session, trained.Metadata.Featurizer);
        var managed = new TextClassifier(trained);
        var featurizer = new TextFeaturizer(trained.Metadata.Featurizer);
        var buffer = featurizer.CreateBuffer();
        var (hidden, viaTrainer) = (new float[trained.Classifier.Dim], new float[trained.Classifier.LabelCount]);
        string[] texts = ["honestly too expensive right", "we use acme and not this quarter", "", "太贵了", "Good morning everyone!", "zzqx vvkj"];
        foreach (var text in texts)
        {
            var (a, b) = (new float[viaTrainer.Length], new float[viaTrainer.Length]);
            onnx.Score(text, a);
            managed.Score(text, b);
            featurizer.Featurize(text, buffer);
            ManagedForward.Hidden(trained.Classifier, [.. buffer.IdSpan.ToArray().Select(id => (int)id)], hidden);
            ManagedForward.Scores(trained.Classifier, hidden, viaTrainer);
            for (var i = 0; i < a.Length; i++)
            {
                Assert.True(Math.Abs(a[i] - b[i]) <= 1e-5, $"'{text}' label {i}: onnx {a[i]} vs scorer {b[i]}");
                Assert.True(Math.Abs(a[i] - viaTrainer[i]) <= 1e-5, $"'{text}' label {i}: onnx {a[i]} vs trainer {viaTrainer[i]}");
            }
        }

        Assert.Equal(multiLabel ? OutputActivation.Sigmoid : OutputActivation.Softmax, reloaded.Classifier.Activation);
    }

    [Theory]
    [InlineData(TrainingMethod.LinearSvm)]
    [InlineData(TrainingMethod.EmbeddingBag)]
    public void SavedModel_WithContext_OnnxRuntimeVersusTrainerMathsAndContextDecides(TrainingMethod method)
    {
        using var dir = new TempDirectory();
        var options = Small with
        {
            MultiLabel = true,
            Method = method,
            Featurizer = Small.Featurizer with { ContextNgrams = 2, ContextLastSentence = true },
        };
        var trained = EmbeddingBagTrainer.Train(SyntheticData.ContextAnswers(40, seed: 3), options, dev: SyntheticData.ContextAnswers(10, seed: 4));
        ModelDirectory.Save(dir.Path, trained);
        var reloaded = ModelDirectory.Load(dir.Path);
        Assert.Equal(options.Featurizer, reloaded.Metadata.Featurizer);

        using var session = OnnxTextScorer.OpenSession(dir.Path);
        var onnx = new OnnxTextScorer(session, reloaded.Metadata.Featurizer);
        var managed = new TextClassifier(trained);
        (string Text, string? Context)[] cases =
            [("not really", "Great. Is the budget approved?"), ("not really", "Any concerns about security?"), ("sure", "Is the cost ok for your team?"), ("no", null), ("", "is the budget approved?")];
        foreach (var (text, context) in cases)
        {
            var (a, b) = (new float[trained.Classifier.LabelCount], new float[trained.Classifier.LabelCount]);
            onnx.Score(text, context, a);
            managed.Score(text, context, b);
            Assert.Equal(a, b, (x, y) => Math.Abs(x - y) <= 1e-5);
        }

        // The same answer, two previous turns, two decisions: the context was learnt.
        var price = Array.IndexOf(trained.Metadata.Labels, "price");
        Assert.Contains(price, managed.Predict("not really", "Great. Is the budget approved?").Labels);
        Assert.DoesNotContain(price, managed.Predict("not really", "Any concerns about security?").Labels);
        Assert.DoesNotContain(price, managed.Predict("sure", "Is the budget approved?").Labels);
    }

    [Theory]
    [InlineData(TrainingMethod.LinearSvm, false, false)]
    [InlineData(TrainingMethod.LinearSvm, true, true)]
    [InlineData(TrainingMethod.EmbeddingBag, true, false)]
    public void SavedModel_WithNegationScope_OnnxRuntimeVersusTrainerMaths(TrainingMethod method, bool replaces, bool charNgrams)
    {
        using var dir = new TempDirectory();
        var options = Small with
        {
            MultiLabel = true,
            Method = method,
            Featurizer = Small.Featurizer with { NegationScope = 6, NegationReplaces = replaces, NegationCharNgrams = charNgrams },
        };
        var trained = EmbeddingBagTrainer.Train(SyntheticData.Create(30, seed: 8, multiLabel: true), options);
        ModelDirectory.Save(dir.Path, trained);
        var reloaded = ModelDirectory.Load(dir.Path);
        Assert.Equal(options.Featurizer, reloaded.Metadata.Featurizer);

        using var session = OnnxTextScorer.OpenSession(dir.Path);
        var onnx = new OnnxTextScorer(session, reloaded.Metadata.Featurizer);
        var managed = new TextClassifier(trained);
        string[] texts =
        [
            "honestly not this quarter, the price is high", "we do not use acme", "No quiero cambiar de proveedor", "Nous ne voulons pas signer",
            "Wir haben kein Budget dafür", "我们今年不考虑", "能不能便宜一点？", "", "no time right now but thanks for joining",
        ];
        foreach (var text in texts)
        {
            var (a, b) = (new float[trained.Classifier.LabelCount], new float[trained.Classifier.LabelCount]);
            onnx.Score(text, a);
            managed.Score(text, b);
            Assert.Equal(a, b, (x, y) => Math.Abs(x - y) <= 1e-5);
        }
    }
}
