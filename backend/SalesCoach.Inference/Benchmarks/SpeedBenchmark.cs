using System.Diagnostics;
using SalesCoach.Inference.Evaluation;
using SalesCoach.Inference.Featurization;

namespace SalesCoach.Inference.Benchmarks;

/// <summary>Utterances per second of one path, on one thread or on several at once.</summary>
/// <param name="CpuSeconds">Process CPU time over the run: on a shared machine, utterances per CPU-second
/// is the per-core figure, while wall-clock rates also count time spent waiting for a core.</param>
public sealed record SpeedResult(string Path, int Threads, long Utterances, double Seconds, double CpuSeconds)
{
    public double PerSecond => Utterances / Seconds;

    public double PerCpuSecond => Utterances / CpuSeconds;

    public double PerSecondPerThread => PerSecond / Threads;

    public double MicrosecondsPerUtterance => Seconds * 1e6 * Threads / Utterances;
}

/// <summary>
/// Featurize + infer at batch 1 over real utterances, round-robin, for a fixed wall time after
/// a warm-up (so the JIT has reached its optimised code): single thread and all cores.
/// </summary>
public static class SpeedBenchmark
{
    public static SpeedResult Measure(string path, Func<ITextScorer> createScorer, IReadOnlyList<string> texts,
        int labelCount, int threads, TimeSpan duration)
    {
        var warmUp = createScorer();
        var scratch = new float[labelCount];
        var warmUntil = Stopwatch.StartNew();
        for (var i = 0; warmUntil.Elapsed < TimeSpan.FromMilliseconds(500); i++)
        {
            warmUp.Score(texts[i % texts.Count], scratch);
        }

        var counts = new long[threads];
        var start = new Barrier(threads + 1);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var scorer = createScorer();
            var scores = new float[labelCount];
            start.SignalAndWait();
            var clock = Stopwatch.StartNew();
            long n = 0;
            for (var i = t * 997; clock.Elapsed < duration; i++)
            {
                // Check the clock every 64 utterances: reading it costs more than featurizing a word.
                for (var k = 0; k < 64; k++, i++)
                {
                    scorer.Score(texts[i % texts.Count], scores);
                }

                n += 64;
            }

            counts[t] = n;
        })).ToList();
        workers.ForEach(w => w.Start());
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        start.SignalAndWait();
        var wall = Stopwatch.StartNew();
        workers.ForEach(w => w.Join());
        var elapsed = wall.Elapsed.TotalSeconds;
        process.Refresh();
        return new SpeedResult(path, threads, counts.Sum(), elapsed, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
    }

    /// <summary>The featurizer alone, as a floor for both paths.</summary>
    public static ITextScorer FeaturizeOnly(FeaturizerOptions options) => new FeaturizeOnlyScorer(options);

    private sealed class FeaturizeOnlyScorer(FeaturizerOptions options) : ITextScorer
    {
        private readonly TextFeaturizer _featurizer = new(options);
        private readonly FeatureBuffer _buffer = new(options.MaxFeatures);

        public void Score(string text, string? context, Span<float> scores) => scores[0] = _featurizer.Featurize(text, context, _buffer);
    }
}
