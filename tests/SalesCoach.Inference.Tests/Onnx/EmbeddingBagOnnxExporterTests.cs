using SalesCoach.Inference.Models;
using SalesCoach.Inference.Onnx;
using SalesCoach.Inference.Runtime;
using SalesCoach.Inference.Tests.Runtime;

namespace SalesCoach.Inference.Tests.Onnx;

public sealed class EmbeddingBagOnnxExporterTests
{
    [Theory]
    [InlineData(OutputActivation.Softmax)]
    [InlineData(OutputActivation.Sigmoid)]
    public void Export_RandomClassifier_PassesPythonOnnxChecker(OutputActivation activation)
    {
        using var temp = new TempDirectory();
        var path = temp.File("model.onnx");
        File.WriteAllBytes(path, EmbeddingBagOnnxExporter.Export(RandomModels.Classifier(1, activation), new Dictionary<string, string> { ["labels"] = "a|b|c|d|e" }));

        Assert.Null(PythonOnnx.Check(path));
    }

    [Theory]
    [InlineData(OutputActivation.Softmax, 1)]
    [InlineData(OutputActivation.Softmax, 7)]
    [InlineData(OutputActivation.Sigmoid, 1)]
    [InlineData(OutputActivation.Sigmoid, 7)]
    public void Run_ExportedClassifier_MatchesManagedScorerWithin1e5(OutputActivation activation, int batch)
    {
        var model = RandomModels.Classifier(2, activation);
        var scorer = new EmbeddingBagScorer(model);
        using var session = OnnxRuntime.Shared.CreateSession(EmbeddingBagOnnxExporter.Export(model));

        for (var seed = 0; seed < 20; seed++)
        {
            var (ids, weights) = RandomModels.Batch(seed, model.Buckets, batch, 30);
            var expected = new float[batch * model.LabelCount];
            scorer.ScoreBatch(ids, weights, batch, expected);

            IndependentModelTests.AssertClose(expected, session.Score(ids, weights, batch));
        }
    }

    [Fact]
    public void Export_WithMetadata_SessionReadsItBack()
    {
        var model = RandomModels.Classifier(3, OutputActivation.Softmax);
        using var session = OnnxRuntime.Shared.CreateSession(EmbeddingBagOnnxExporter.Export(model, new Dictionary<string, string> { ["labels"] = "yes|no" }));

        Assert.Equal("yes|no", session.GetMetadata("labels"));
        Assert.Equal("Softmax", session.GetMetadata(EmbeddingBagOnnxExporter.ActivationKey));
        Assert.Null(session.GetMetadata("absent"));
        Assert.Equal([EmbeddingBagClassifier.IdsInput, EmbeddingBagClassifier.WeightsInput], session.Inputs.Select(i => i.Name));
        Assert.Equal([-1L, 5L], Assert.Single(session.Outputs).Shape);
    }

    [Fact]
    public void Export_MismatchedArrays_Throws()
    {
        var model = RandomModels.Classifier(4, OutputActivation.Softmax) with { Bias = new float[2] };

        var error = Assert.Throws<ArgumentException>(() => EmbeddingBagOnnxExporter.Export(model));
        Assert.Contains("Bias", error.Message, StringComparison.Ordinal);
    }
}
