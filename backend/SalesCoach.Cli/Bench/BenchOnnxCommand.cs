using System.CommandLine;
using System.Globalization;

namespace SalesCoach.Cli.Bench;

/// <summary><c>bench onnx</c>: ONNX Runtime Run against the managed scorer, batch 1, one thread, as a ratio.</summary>
public static class BenchOnnxCommand
{
    public static Command Create()
    {
        var buckets = new Option<int>("--buckets") { DefaultValueFactory = _ => 1 << 18, Description = "Embedding rows (hashed feature space)" };
        var dim = new Option<int>("--dim") { DefaultValueFactory = _ => 64, Description = "Embedding width" };
        var labels = new Option<int>("--labels") { DefaultValueFactory = _ => 20, Description = "Output labels" };
        var features = new Option<int>("--features") { DefaultValueFactory = _ => 30, Description = "Feature ids per utterance" };
        var seconds = new Option<double>("--seconds") { DefaultValueFactory = _ => 2, Description = "Timed seconds per side (in 5 alternating rounds)" };
        var command = new Command("onnx", "ONNX Runtime Run vs the managed scorer, batch 1, one thread") { buckets, dim, labels, features, seconds };
        command.SetAction(parse => CliErrors.Run(parse, (output, _) =>
        {
            var settings = new OnnxBenchmark.Settings(
                parse.GetValue(buckets), parse.GetValue(dim), parse.GetValue(labels), parse.GetValue(features), Math.Clamp(parse.GetValue(seconds), 0.2, 30), 7);
            var (ort, managed) = OnnxBenchmark.Run(settings, output);
            foreach (var result in new[] { ort, managed })
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Name,-12} {result.MicrosecondsPerCall,8:F2} us/call wall  {result.CpuMicrosecondsPerCall,8:F2} us/call CPU  {result.CallsPerSecond,10:N0} calls/s wall  {1e6 / result.CpuMicrosecondsPerCall,10:N0} calls/CPU-s  (medians of 5 rounds, {result.Calls:N0} calls)"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio onnxruntime/managed time per call: {ort.MicrosecondsPerCall / managed.MicrosecondsPerCall:F2}x wall, {ort.CpuMicrosecondsPerCall / managed.CpuMicrosecondsPerCall:F2}x CPU"));
        }));
        return command;
    }
}
