using SalesCoach.Inference.Models;
using SalesCoach.Inference.Onnx;
using SalesCoach.Inference.Runtime;

namespace SalesCoach.Inference.Tests.Runtime;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Run_ManyThreadsOnOneSession_EveryResultMatchesScorer()
    {
        var model = RandomModels.Classifier(11, OutputActivation.Softmax);
        var scorer = new EmbeddingBagScorer(model);
        using var session = OnnxRuntime.Shared.CreateSession(EmbeddingBagOnnxExporter.Export(model));

        var mismatches = 0;
        var tasks = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                var (ids, weights) = RandomModels.Batch((worker * 100_000) + i, model.Buckets, 1, 30);
                var expected = scorer.Score(ids, weights);
                var actual = session.Score(ids, weights);
                if (!expected.Zip(actual).All(p => MathF.Abs(p.First - p.Second) <= 1e-5f))
                {
                    Interlocked.Increment(ref mismatches);
                }
            }
        }));
        await Task.WhenAll(tasks);

        Assert.Equal(0, mismatches);
    }

    [Fact]
    public async Task Dispose_WhileRunsInFlight_RunningCallsFinishAndLaterOnesAreRefused()
    {
        var model = RandomModels.Classifier(12, OutputActivation.Sigmoid);
        var session = OnnxRuntime.Shared.CreateSession(EmbeddingBagOnnxExporter.Export(model));
        var (ids, weights) = RandomModels.Batch(1, model.Buckets, 1, 30);
        var completed = 0;
        var refused = 0;
        using var started = new CountdownEvent(4);

        var tasks = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            started.Signal();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline)
            {
                try
                {
                    Assert.Equal(model.LabelCount, session.Score(ids, weights).Length);
                    Interlocked.Increment(ref completed);
                }
                catch (ObjectDisposedException)
                {
                    Interlocked.Increment(ref refused);
                    return;
                }
            }
        })).ToArray();
        started.Wait(TestContext.Current.CancellationToken);
        await Task.Delay(20, TestContext.Current.CancellationToken);
        session.Dispose();
        await Task.WhenAll(tasks);

        // Any other failure (a crash in native code, a different exception) fails the tasks above.
        Assert.True(completed > 0);
        Assert.Equal(4, refused);
    }
}
