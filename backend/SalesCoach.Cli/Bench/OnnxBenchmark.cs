using System.Diagnostics;
using System.Globalization;
using SalesCoach.Inference.Models;
using SalesCoach.Inference.Onnx;
using SalesCoach.Inference.Runtime;

namespace SalesCoach.Cli.Bench;

/// <summary>
/// ONNX Runtime Run against the managed <see cref="EmbeddingBagScorer"/> on the same utterance-sized
/// inputs (batch 1, ~30 feature ids), single thread, in one process, so the ratio compares like with like.
/// </summary>
public static class OnnxBenchmark
{
    public sealed record Settings(int Buckets, int Dim, int Labels, int Features, double SecondsPerRun, int Seed);

    /// <summary>
    /// Medians over rounds of wall-clock and process CPU time per call: on a shared machine CPU time is
    /// the steadier figure, and alternating short rounds of both sides spreads load changes over both.
    /// </summary>
    public sealed record Result(string Name, long Calls, double MicrosecondsPerCall, double CpuMicrosecondsPerCall)
    {
        public double CallsPerSecond => 1e6 / MicrosecondsPerCall;
    }

    private const int Rounds = 5;

    public static (Result Ort, Result Managed) Run(Settings settings, TextWriter output)
    {
        var random = new Random(settings.Seed);
        var model = new EmbeddingBagClassifier(
            settings.Buckets, settings.Dim, settings.Labels,
            Values(random, settings.Buckets * settings.Dim), Values(random, settings.Dim * settings.Labels), Values(random, settings.Labels),
            OutputActivation.Softmax);
        var inputs = Enumerable.Range(0, 256).Select(_ =>
        {
            var ids = Enumerable.Range(0, settings.Features).Select(_ => (long)random.Next(settings.Buckets)).ToArray();
            return (Ids: ids, Weights: Enumerable.Repeat(1f / settings.Features, settings.Features).ToArray());
        }).ToArray();

        using var session = OnnxRuntime.Shared.CreateSession(EmbeddingBagOnnxExporter.Export(model), new InferenceSessionOptions { IntraOpThreads = 1 });
        var scorer = new EmbeddingBagScorer(model);
        var scores = new float[settings.Labels];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"model: buckets {settings.Buckets}, dim {settings.Dim}, labels {settings.Labels}; input: batch 1 x {settings.Features} ids; ONNX Runtime {OnnxRuntime.Shared.Version} from {OnnxRuntime.Shared.LibraryPath}, 1 intra-op thread"));

        // Check they agree before timing them: a fast wrong answer is no result.
        var check = session.Score(inputs[0].Ids, inputs[0].Weights);
        scorer.Score(inputs[0].Ids, inputs[0].Weights, scores);
        var gap = check.Zip(scores).Max(p => MathF.Abs(p.First - p.Second));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"max |ORT - managed| on a sample: {gap:E2}"));

        var bound = new float[settings.Labels];
        Action<int> runOrt = i => session.Score(inputs[i & 255].Ids, inputs[i & 255].Weights, 1, bound);
        Action<int> runManaged = i => scorer.Score(inputs[i & 255].Ids, inputs[i & 255].Weights, scores);
        Warm(runOrt);
        Warm(runManaged);
        var ortRounds = new List<(long Calls, double Wall, double Cpu)>();
        var managedRounds = new List<(long Calls, double Wall, double Cpu)>();
        for (var round = 0; round < Rounds; round++)
        {
            ortRounds.Add(Measure(settings.SecondsPerRun / Rounds, runOrt));
            managedRounds.Add(Measure(settings.SecondsPerRun / Rounds, runManaged));
        }

        return (Summarize("onnxruntime", ortRounds), Summarize("managed", managedRounds));
    }

    private static void Warm(Action<int> call)
    {
        for (var i = 0; i < 2000; i++)
        {
            call(i); // JIT tiers and the runtime's first-run allocations
        }
    }

    private static (long Calls, double Wall, double Cpu) Measure(double seconds, Action<int> call)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        long calls = 0;
        var limit = TimeSpan.FromSeconds(seconds);
        while (watch.Elapsed < limit)
        {
            for (var i = 0; i < 1000; i++)
            {
                call((int)calls + i);
            }

            calls += 1000;
        }

        var wall = watch.Elapsed.TotalSeconds;
        process.Refresh();
        return (calls, wall, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
    }

    private static Result Summarize(string name, List<(long Calls, double Wall, double Cpu)> rounds)
    {
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted[sorted.Length / 2];
        }

        return new Result(name, rounds.Sum(r => r.Calls), Median(rounds.Select(r => r.Wall * 1e6 / r.Calls)), Median(rounds.Select(r => r.Cpu * 1e6 / r.Calls)));
    }

    private static float[] Values(Random random, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)((random.NextDouble() * 0.2) - 0.1);
        }

        return values;
    }
}
