using SalesCoach.Inference.Models;
using SalesCoach.Inference.Onnx;
using SalesCoach.Inference.Runtime;

namespace SalesCoach.Inference.Tests.Runtime;

public sealed class SessionErrorTests
{
    private static readonly byte[] ModelBytes = EmbeddingBagOnnxExporter.Export(RandomModels.Classifier(5, OutputActivation.Softmax));

    [Fact]
    public void CreateSession_GarbageBytes_ThrowsWithRuntimeMessage()
    {
        var garbage = new byte[4096];
        new Random(1).NextBytes(garbage);

        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxRuntime.Shared.CreateSession(garbage));
        Assert.StartsWith("Loading the model failed", error.Message, StringComparison.Ordinal);
        Assert.NotEqual(OrtErrorCode.Ok, error.Code);
    }

    [Fact]
    public void CreateSession_TruncatedModel_Throws()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxRuntime.Shared.CreateSession(ModelBytes.AsSpan(0, ModelBytes.Length / 2)));
        Assert.Contains("Loading the model failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateSession_Empty_Throws()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxRuntime.Shared.CreateSession([]));
        Assert.Equal(OrtErrorCode.InvalidProtobuf, error.Code);
    }

    [Fact]
    public void Run_WrongInputName_NamesTheExpectedInputs()
    {
        using var session = OnnxRuntime.Shared.CreateSession(ModelBytes);

        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run("scores", Ids([1, 2]), new NamedTensor("weight", TensorValue.FromFloats([1, 1], 1, 2))));
        Assert.Equal(OrtErrorCode.InvalidInput, error.Code);
        Assert.Contains("no input 'weight'", error.Message, StringComparison.Ordinal);
        Assert.Contains("weights: Float [?, ?]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WrongElementType_SaysWhichTypeIsExpected()
    {
        using var session = OnnxRuntime.Shared.CreateSession(ModelBytes);

        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run("scores", Ids([1, 2]), new NamedTensor("weights", TensorValue.FromInt64([1, 1], 1, 2))));
        Assert.Contains("'weights' must be Float but a Int64 tensor was given", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WrongRank_SaysWhichRankIsExpected()
    {
        using var session = OnnxRuntime.Shared.CreateSession(ModelBytes);

        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run("scores", Ids([1, 2]), new NamedTensor("weights", TensorValue.FromFloats([1, 1], 2))));
        Assert.Contains("'weights' must have rank 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingInput_ListsIt()
    {
        using var session = OnnxRuntime.Shared.CreateSession(ModelBytes);

        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run("scores", Ids([1, 2])));
        Assert.Contains("Missing input(s): weights", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MismatchedBatchShapes_ReportsRuntimeStatus()
    {
        using var session = OnnxRuntime.Shared.CreateSession(ModelBytes);

        // Both ranks are right, so only ONNX Runtime can see that [1,2] ids and [1,3] weights do not broadcast.
        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run("scores", Ids([1, 2]), new NamedTensor("weights", TensorValue.FromFloats([1, 1, 1], 1, 3))));
        Assert.StartsWith("Run failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_IdOutOfRange_ReportsRuntimeStatus()
    {
        using var session = OnnxRuntime.Shared.CreateSession(ModelBytes);

        var error = Assert.Throws<OnnxRuntimeException>(() => session.Score([1, 5000], [0.5f, 0.5f]));
        Assert.StartsWith("Run failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_AfterDispose_ThrowsObjectDisposed()
    {
        var session = OnnxRuntime.Shared.CreateSession(ModelBytes);
        session.Dispose();

        Assert.Throws<ObjectDisposedException>(() => session.Score([1], [1f]));
    }

    [Fact]
    public void TensorValue_ShapeNotMatchingData_Throws()
    {
        Assert.Throws<ArgumentException>(() => TensorValue.FromFloats([1, 2, 3], 2, 2));
    }

    private static NamedTensor Ids(long[] ids) => new("ids", TensorValue.FromInt64(ids, 1, ids.Length));
}
