using SalesCoach.Inference.Featurization;
using SalesCoach.Inference.Models;
using SalesCoach.Inference.Training;

namespace SalesCoach.Inference.Tests.Training;

public class EmbeddingBagTrainerTests
{
    private static readonly TrainerOptions Small = new()
    {
        Featurizer = new FeaturizerOptions { Buckets = 1 << 12 },
        Dim = 16,
        MaxEpochs = 30,
        LearningRate = 1f,
    };

    [Fact]
    public void Train_SameSeed_BitIdenticalWeights()
    {
        var data = SyntheticData.Create(40, seed: 1);
        var first = EmbeddingBagTrainer.Train(data, Small).Classifier;
        var second = EmbeddingBagTrainer.Train(data, Small).Classifier;
        Assert.Equal(first.Embeddings, second.Embeddings);
        Assert.Equal(first.Output, second.Output);
        Assert.Equal(first.Bias, second.Bias);
    }

    [Fact]
    public void Save_SameSeed_ByteIdenticalModelFiles()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var data = SyntheticData.Create(20, seed: 1);
        ModelDirectory.Save(first.Path, EmbeddingBagTrainer.Train(data, Small, trainingDataSha256: "abc"));
        ModelDirectory.Save(second.Path, EmbeddingBagTrainer.Train(data, Small, trainingDataSha256: "abc"));
        foreach (var file in new[] { ModelDirectory.OnnxFile, ModelDirectory.MetadataFile })
        {
            Assert.Equal(File.ReadAllBytes(first.File(file)), File.ReadAllBytes(second.File(file)));
        }
    }

    [Fact]
    public void Train_DifferentSeed_DifferentWeights()
    {
        var data = SyntheticData.Create(40, seed: 1);
        var first = EmbeddingBagTrainer.Train(data, Small).Classifier;
        var second = EmbeddingBagTrainer.Train(data, Small with { Seed = 7 }).Classifier;
        Assert.NotEqual(first.Embeddings, second.Embeddings);
    }

    [Fact]
    public void Train_MultiClass_LearnsHeldOutExamples()
    {
        var model = EmbeddingBagTrainer.Train(SyntheticData.Create(40, seed: 1), Small);
        var classifier = new TextClassifier(model);
        var test = SyntheticData.Create(10, seed: 99);
        var right = test.Count(e => model.Metadata.Labels[classifier.Predict(e.Text).Labels.Single()] == e.Labels[0]);
        Assert.True(right >= 0.9 * test.Count, $"{right}/{test.Count}");
        Assert.Equal(OutputActivation.Softmax, model.Classifier.Activation);
        Assert.Equal(["competitor", "none", "price", "timing"], model.Metadata.Labels);
        Assert.True(model.Metadata.DevExamples > 0 && model.Metadata.Epochs >= 1);
    }

    [Fact]
    public void Train_MultiLabel_SigmoidWithPerLabelThresholds()
    {
        var model = EmbeddingBagTrainer.Train(SyntheticData.Create(60, seed: 2, multiLabel: true), Small with { MultiLabel = true });
        Assert.Equal(OutputActivation.Sigmoid, model.Classifier.Activation);
        Assert.Equal(model.Metadata.Labels.Length, model.Metadata.Thresholds.Length);
        Assert.All(model.Metadata.Thresholds, t => Assert.InRange(t, 0.02f, 0.98f));
        var prediction = new TextClassifier(model).Predict("honestly too expensive and we use acme");
        var labels = prediction.Labels.Select(i => model.Metadata.Labels[i]).ToArray();
        Assert.Contains("price", labels);
        Assert.Contains("competitor", labels);
    }

    [Fact]
    public void Train_OosLabel_TunesThresholdAndReportsOosRecall()
    {
        var model = EmbeddingBagTrainer.Train(SyntheticData.Create(40, seed: 3), Small with { OosLabel = "none" });
        Assert.Equal("none", model.Metadata.OosLabel);
        Assert.InRange(model.Metadata.OosThreshold, 0f, 0.99f);
        Assert.True(model.Metadata.DevMetrics.ContainsKey("oosRecall"));
    }

    [Fact]
    public void Train_SeveralLabelsWithoutMultiLabel_Throws()
    {
        var data = SyntheticData.Create(10, seed: 1);
        data.Add(new("both", ["price", "timing"]));
        Assert.Throws<ArgumentException>(() => EmbeddingBagTrainer.Train(data, Small));
    }

    [Fact]
    public void Train_OneLabel_Throws()
    {
        var data = Enumerable.Range(0, 10).Select(i => new SalesCoach.Inference.Data.LabeledExample($"text {i}", ["only"])).ToList();
        Assert.Throws<ArgumentException>(() => EmbeddingBagTrainer.Train(data, Small));
    }
}
