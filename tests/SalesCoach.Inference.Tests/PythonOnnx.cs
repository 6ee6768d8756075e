using System.Diagnostics;

namespace SalesCoach.Inference.Tests;

/// <summary>
/// Debian's python3 with python3-onnx and numpy: an independent checker and model builder.
/// Missing packages fail the test with the set-up command instead of skipping it.
/// </summary>
internal static class PythonOnnx
{
    private const string Python = "/usr/bin/python3";

    public static string FixturePath(string fileName) => Path.Combine(AppContext.BaseDirectory, "Fixtures", fileName);

    /// <summary>Runs onnx.checker.check_model(full_check=True) on the file; returns the checker's error text, or null when it passes.</summary>
    public static string? Check(string modelPath)
    {
        var (exitCode, output) = Run("-c", "import onnx,sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)", modelPath);
        return exitCode == 0 ? null : output;
    }

    public static void RunScript(string fileName, params string[] arguments)
    {
        var (exitCode, output) = Run([FixturePath(fileName), .. arguments]);
        Assert.True(exitCode == 0, $"{fileName} failed ({exitCode}): {output}");
    }

    private static (int ExitCode, string Output) Run(params string[] arguments)
    {
        var (probe, probeOutput) = Start(["-c", "import onnx, numpy"]);
        Assert.True(probe == 0, $"python3-onnx and python3-numpy are required (`apt-get install -y python3-onnx python3-numpy`, or `bash .ci/setup.sh --test`): {probeOutput}");
        return Start(arguments);
    }

    private static (int ExitCode, string Output) Start(string[] arguments)
    {
        var info = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{Python} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
