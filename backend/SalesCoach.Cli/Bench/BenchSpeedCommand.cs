using System.CommandLine;
using System.Globalization;
using SalesCoach.Inference.Benchmarks;
using SalesCoach.Inference.Data;
using SalesCoach.Inference.Evaluation;
using SalesCoach.Inference.Training;

namespace SalesCoach.Cli.Bench;

/// <summary><c>bench speed</c>: featurize + infer per utterance through ONNX Runtime and the managed maths.</summary>
public static class BenchSpeedCommand
{
    public static Command Create()
    {
        var model = new Option<DirectoryInfo>("--model") { Description = "Model directory", Required = true };
        var data = new Option<FileInfo>("--data") { Description = "CSV/JSONL with the utterances to score", Required = true };
        var text = new Option<string>("--text") { Description = "Text column", Required = true };
        var label = new Option<string>("--label") { Description = "Label column (rows without one are skipped)", Required = true };
        var seconds = new Option<double>("--seconds") { Description = "Measured time per run", DefaultValueFactory = _ => 3 };
        var command = new Command("speed", "Utterances/s at batch 1: featurize only, managed maths, ONNX Runtime; one thread and all cores");
        foreach (var option in new Option[] { model, data, text, label, seconds })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CliErrors.Run(parse, (output, _) =>
        {
            var directory = parse.GetRequiredValue(model).FullName;
            var loaded = ModelDirectory.Load(directory);
            var texts = DatasetReader.Read(parse.GetRequiredValue(data).FullName, parse.GetRequiredValue(text), parse.GetRequiredValue(label))
                .Examples.Select(e => e.Text).ToList();
            var duration = TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(seconds), 0.5, 30));
            using var session = OnnxTextScorer.OpenSession(directory);
            // Single-thread runs first, then every core at once.
            var labels = loaded.Metadata.Labels.Length;
            var cores = Environment.ProcessorCount;
            var results = new List<SpeedResult>();
            foreach (var threads in cores > 1 ? new[] { 1, cores } : [1])
            {
                results.Add(SpeedBenchmark.Measure("featurize only", () => SpeedBenchmark.FeaturizeOnly(loaded.Metadata.Featurizer), texts, labels, threads, duration));
                results.Add(SpeedBenchmark.Measure("featurize + managed", () => new TextClassifier(loaded), texts, labels, threads, duration));
                results.Add(SpeedBenchmark.Measure("featurize + ONNX Runtime", () => new OnnxTextScorer(session, loaded.Metadata.Featurizer), texts, labels, threads, duration));
            }

            var c = CultureInfo.InvariantCulture;
            output.WriteLine($"{texts.Count} utterances, {cores} cores, {duration.TotalSeconds:F1} s per run, batch 1");
            output.WriteLine($"load average at start: {LoadAverage()}");
            output.WriteLine("| path | threads | utterances/s (wall) | per thread (wall) | per CPU-second (= per core) | us/utterance (wall, per thread) | vs managed (per core) |");
            output.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var r in results)
            {
                var managed = results.First(m => m.Threads == r.Threads && m.Path == "featurize + managed");
                output.WriteLine(string.Create(c, $"| {r.Path} | {r.Threads} | {r.PerSecond:F0} | {r.PerSecondPerThread:F0} | {r.PerCpuSecond:F0} | {r.MicrosecondsPerUtterance:F2} | {r.PerCpuSecond / managed.PerCpuSecond:F2}x |"));
            }
        }));
        return command;
    }

    // Other work on the machine skews every figure: say how busy it was.
    private static string LoadAverage() => File.Exists("/proc/loadavg")
        ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "n/a";
}
