using System.Diagnostics;
using SalesCoach.Inference.Models;
using SalesCoach.Inference.Onnx;
using SalesCoach.Inference.Runtime;

namespace SalesCoach.Inference.Tests.Runtime;

/// <summary>Thousands of sessions and many thousands of runs: every native handle comes back and memory stays flat.</summary>
[Collection(nameof(LeakTests))]
[CollectionDefinition(nameof(LeakTests), DisableParallelization = true)]
public sealed class LeakTests
{
    private const long AllowedGrowthBytes = 16L * 1024 * 1024;

    [Fact]
    public void CreateAndRun_ThousandsOfSessionsAndRuns_MemoryStaysFlat()
    {
        var model = RandomModels.Classifier(21, OutputActivation.Softmax);
        var bytes = EmbeddingBagOnnxExporter.Export(model);
        var (ids, weights) = RandomModels.Batch(2, model.Buckets, 1, 30);

        Churn(bytes, ids, weights, sessions: 200, runsPerSession: 50); // warm the allocator, JIT and ORT's caches
        var liveBefore = LiveSessions.Settled();
        var before = SettledMemory();

        Churn(bytes, ids, weights, sessions: 3000, runsPerSession: 40);
        var after = SettledMemory();
        var liveAfter = LiveSessions.Settled();

        TestContext.Current.TestOutputHelper?.WriteLine($"resident memory: {before / 1024} KB before, {after / 1024} KB after");
        Assert.Equal(liveBefore, liveAfter);
        Assert.True(after - before < AllowedGrowthBytes, $"resident memory grew by {(after - before) / 1024 / 1024} MB over 3000 sessions and 120000 runs");
    }

    [Fact]
    public void Finalizer_UndisposedSessions_AreReleased()
    {
        var bytes = EmbeddingBagOnnxExporter.Export(RandomModels.Classifier(22, OutputActivation.Sigmoid));
        var liveBefore = LiveSessions.Settled();

        Abandon(bytes, 50);
        for (var i = 0; i < 10 && InferenceSession.LiveSessionCount > liveBefore; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.Equal(liveBefore, InferenceSession.LiveSessionCount);
    }

    private static void Abandon(byte[] bytes, int count)
    {
        for (var i = 0; i < count; i++)
        {
            _ = OnnxRuntime.Shared.CreateSession(bytes);
        }
    }

    private static void Churn(byte[] bytes, long[] ids, float[] weights, int sessions, int runsPerSession)
    {
        for (var s = 0; s < sessions; s++)
        {
            using var session = OnnxRuntime.Shared.CreateSession(bytes);
            for (var r = 0; r < runsPerSession; r++)
            {
                session.Score(ids, weights);
            }
        }
    }

    private static long SettledMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
