using SalesCoach.Inference.Featurization;
using SalesCoach.Inference.Models;
using SalesCoach.Inference.Training;

namespace SalesCoach.Inference.Tests.Training;

public class ModelDirectoryTests
{
    private static TrainedModel Trained() => EmbeddingBagTrainer.Train(SyntheticData.Create(10, seed: 3),
        new TrainerOptions { Featurizer = new FeaturizerOptions { Buckets = 256 }, Dim = 4, MaxEpochs = 2 }, trainingDataSha256: "feed");

    [Fact]
    public void SaveLoad_RoundTrip_WeightsAndMetadataKept()
    {
        using var dir = new TempDirectory();
        var model = Trained();
        ModelDirectory.Save(dir.Path, model);
        var loaded = ModelDirectory.Load(dir.Path);

        Assert.Equal(model.Classifier.Output, loaded.Classifier.Output);
        Assert.Equal(model.Classifier.Bias, loaded.Classifier.Bias);
        Assert.Equal(model.Metadata.Featurizer, loaded.Metadata.Featurizer);
        Assert.Equal("feed", loaded.Metadata.TrainingDataSha256);
        Assert.Equal(model.Metadata.DevMetrics, loaded.Metadata.DevMetrics);
        Assert.False(File.Exists(dir.File("model.onnx.tmp")));
    }

    [Fact]
    public void Load_ModelJsonOlderThanContextSettings_ReadsNoContextAndScoresAsBefore()
    {
        using var dir = new TempDirectory();
        var model = Trained();
        ModelDirectory.Save(dir.Path, model);
        // A model.json written before the context settings existed has no such keys.
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(dir.File(ModelDirectory.MetadataFile)))!;
        var featurizer = json["featurizer"]!.AsObject();
        Assert.True(featurizer.Remove("contextNgrams") && featurizer.Remove("contextLastSentence") && featurizer.Remove("contextPairWords"));
        File.WriteAllText(dir.File(ModelDirectory.MetadataFile), json.ToJsonString());

        var loaded = ModelDirectory.Load(dir.Path);
        Assert.Equal(model.Metadata.Featurizer, loaded.Metadata.Featurizer);
        Assert.Equal((0, false, 0), (loaded.Metadata.Featurizer.ContextNgrams, loaded.Metadata.Featurizer.ContextLastSentence, loaded.Metadata.Featurizer.ContextPairWords));
        var classifier = new TextClassifier(loaded);
        var (alone, withContext) = (new float[model.Classifier.LabelCount], new float[model.Classifier.LabelCount]);
        classifier.Score("honestly too expensive right", alone);
        classifier.Score("honestly too expensive right", "Is the budget approved?", withContext);
        Assert.Equal(alone, withContext);
    }

    [Fact]
    public void SaveLoad_NegationSettings_RecordedInModelJsonAndKept()
    {
        using var dir = new TempDirectory();
        var options = new TrainerOptions
        {
            Featurizer = new FeaturizerOptions { Buckets = 256, NegationScope = 5, NegationReplaces = true, NegationCharNgrams = true },
            Dim = 4,
            MaxEpochs = 2,
        };
        var model = EmbeddingBagTrainer.Train(SyntheticData.Create(10, seed: 3), options);
        ModelDirectory.Save(dir.Path, model);

        var featurizer = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dir.File(ModelDirectory.MetadataFile))).RootElement.GetProperty("featurizer");
        Assert.Equal(5, featurizer.GetProperty("negationScope").GetInt32());
        Assert.True(featurizer.GetProperty("negationReplaces").GetBoolean());
        Assert.True(featurizer.GetProperty("negationCharNgrams").GetBoolean());
        var loaded = ModelDirectory.Load(dir.Path);
        Assert.Equal(options.Featurizer, loaded.Metadata.Featurizer);
        var (saved, reloaded) = (new float[model.Classifier.LabelCount], new float[model.Classifier.LabelCount]);
        new TextClassifier(model).Score("we do not want it this quarter", saved);
        new TextClassifier(loaded).Score("we do not want it this quarter", reloaded);
        Assert.Equal(saved, reloaded);
    }

    [Fact]
    public void Load_ModelJsonOlderThanNegationSettings_MarksNoNegationAndScoresAsBefore()
    {
        using var dir = new TempDirectory();
        var model = Trained();
        ModelDirectory.Save(dir.Path, model);
        // A model.json written before negation marking existed (the shipped signal model's, for one) has no such keys.
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(dir.File(ModelDirectory.MetadataFile)))!;
        var featurizer = json["featurizer"]!.AsObject();
        Assert.True(featurizer.Remove("negationScope") && featurizer.Remove("negationReplaces") && featurizer.Remove("negationCharNgrams"));
        File.WriteAllText(dir.File(ModelDirectory.MetadataFile), json.ToJsonString());

        var loaded = ModelDirectory.Load(dir.Path);
        Assert.Equal(model.Metadata.Featurizer, loaded.Metadata.Featurizer);
        Assert.Equal((0, false, false), (loaded.Metadata.Featurizer.NegationScope, loaded.Metadata.Featurizer.NegationReplaces, loaded.Metadata.Featurizer.NegationCharNgrams));
        foreach (var text in new[] { "honestly not this quarter", "no budget, no deal", "我们不需要" })
        {
            var (before, after) = (new float[model.Classifier.LabelCount], new float[model.Classifier.LabelCount]);
            new TextClassifier(model).Score(text, before);
            new TextClassifier(loaded).Score(text, after);
            Assert.Equal(before, after);
        }
    }

    [Fact]
    public void Load_NegationSettingsOutOfRange_ClearError()
    {
        using var dir = new TempDirectory();
        ModelDirectory.Save(dir.Path, Trained());
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(dir.File(ModelDirectory.MetadataFile)))!;
        json["featurizer"]!["negationScope"] = FeaturizerOptions.MaxNegationScope + 1;
        File.WriteAllText(dir.File(ModelDirectory.MetadataFile), json.ToJsonString());

        Assert.Throws<ArgumentException>(() => new TextClassifier(ModelDirectory.Load(dir.Path)));
    }

    [Fact]
    public void Load_TruncatedOnnx_ClearError()
    {
        using var dir = new TempDirectory();
        ModelDirectory.Save(dir.Path, Trained());
        var bytes = File.ReadAllBytes(dir.File(ModelDirectory.OnnxFile));
        File.WriteAllBytes(dir.File(ModelDirectory.OnnxFile), bytes[..(bytes.Length / 2)]);
        Assert.Throws<InvalidDataException>(() => ModelDirectory.Load(dir.Path));
    }

    [Fact]
    public void Load_NotAModelDirectory_ClearError()
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<FileNotFoundException>(() => ModelDirectory.Load(dir.Path));
        Assert.Contains("model.json", error.Message);
    }

    [Fact]
    public void Read_OnnxWithoutOurInitializers_ClearError()
    {
        var other = new EmbeddingBagClassifier(4, 2, 2, new float[8], new float[4], new float[2], OutputActivation.Softmax);
        var bytes = SalesCoach.Inference.Onnx.EmbeddingBagOnnxExporter.Export(other);
        Assert.Equal(other.Embeddings, OnnxWeightsReader.Read(bytes, OutputActivation.Softmax).Embeddings);
        Assert.Throws<InvalidDataException>(() => OnnxWeightsReader.Read([0x3A, 0x05, 0x01], OutputActivation.Softmax));
    }
}
