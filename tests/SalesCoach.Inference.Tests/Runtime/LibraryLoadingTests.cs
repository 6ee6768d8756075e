using System.Diagnostics;
using SalesCoach.Inference.Runtime;

namespace SalesCoach.Inference.Tests.Runtime;

/// <summary>
/// Where the native library comes from, checked in a child process (the library loads once per
/// process): SALESCOACH_ONNXRUNTIME_PATH wins, and a wrong value fails with a message naming it.
/// </summary>
public sealed class LibraryLoadingTests
{
    [Fact]
    public void PathVariable_PointsAtACopy_LoadsThatCopy()
    {
        using var temp = new TempDirectory();
        var copy = temp.File("ort-copy.so");
        File.Copy(OnnxRuntime.Shared.LibraryPath, copy);

        var (exitCode, output) = RunBench(copy);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"from {copy},", output, StringComparison.Ordinal);
        Assert.Contains("ratio onnxruntime/managed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void PathVariable_PointsAtNothing_FailsNamingTheVariable()
    {
        using var temp = new TempDirectory();

        var (exitCode, output) = RunBench(temp.File("missing.so"));

        Assert.Equal(1, exitCode);
        Assert.Contains($"{OnnxRuntime.PathVariable} points at", output, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) RunBench(string libraryPath)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "salescoach.dll"), "bench", "onnx", "--seconds", "0.2", "--buckets", "1024" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment[OnnxRuntime.PathVariable] = libraryPath;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "the CLI did not finish within a minute");
        return (process.ExitCode, stdout.Result + stderr);
    }
}
