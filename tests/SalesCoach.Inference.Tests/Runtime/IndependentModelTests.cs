using System.Text.Json;
using SalesCoach.Inference.Runtime;

namespace SalesCoach.Inference.Tests.Runtime;

/// <summary>A model built by python3-onnx (not by our writer) runs through our binding and matches numpy.</summary>
public sealed class IndependentModelTests
{
    [Fact]
    public void Run_PythonBuiltMlp_MatchesNumpyWithin1e5()
    {
        using var temp = new TempDirectory();
        PythonOnnx.RunScript("make_mlp_model.py", temp.Path);
        using var expected = JsonDocument.Parse(File.ReadAllText(temp.File("expected.json")));
        var shape = expected.RootElement.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var x = Floats(expected.RootElement.GetProperty("x"));

        using var session = OnnxRuntime.Shared.CreateSession(File.ReadAllBytes(temp.File("model.onnx")));
        var outputs = session.Run([new NamedTensor("x", TensorValue.FromFloats(x, shape))]);

        Assert.Equal(["probs", "hidden"], outputs.Select(o => o.Name));
        Assert.Equal([shape[0], 3L], outputs[0].Value.Shape);
        AssertClose(Floats(expected.RootElement.GetProperty("probs")), outputs[0].Value.AsFloats());
        AssertClose(Floats(expected.RootElement.GetProperty("hidden")), outputs[1].Value.AsFloats());
    }

    [Fact]
    public void Inputs_PythonBuiltMlp_ReportsNamesTypesAndDynamicBatch()
    {
        using var temp = new TempDirectory();
        PythonOnnx.RunScript("make_mlp_model.py", temp.Path);
        using var session = OnnxRuntime.Shared.CreateSession(File.ReadAllBytes(temp.File("model.onnx")));

        var input = Assert.Single(session.Inputs);
        Assert.Equal("x", input.Name);
        Assert.Equal(TensorElementType.Float, input.ElementType);
        Assert.Equal([-1L, 6L], input.Shape);
        Assert.Equal(["probs", "hidden"], session.Outputs.Select(o => o.Name));
    }

    private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(e => e.GetSingle()).ToArray();

    internal static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance = 1e-5f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
