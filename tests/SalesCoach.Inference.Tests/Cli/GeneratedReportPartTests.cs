using SalesCoach.Cli.Coaching;
using SalesCoach.TestSupport;
using static SalesCoach.Cli.Coaching.GeneratedReportPart;

namespace SalesCoach.Inference.Tests.Cli;

/// <summary><c>bench coaching</c> rewrites only the generated part of its report; the notes written by hand stay.</summary>
public sealed class GeneratedReportPartTests
{
    private const string Notes = "## Notes on this run (written by hand after it)\n\n- 5,000/s is not met.\n";

    [Fact]
    public async Task WriteAsync_ReportWithNotes_ReplacesTheGeneratedPartAndKeepsEverythingElse()
    {
        using var temp = new TempDirectory();
        var path = temp.File("BENCHMARKS.md");
        await File.WriteAllTextAsync(path, $"{Begin}\n# Live coaching benchmarks\n\n| 3200 | 32.3 ms |\n{End}\n\n{Notes}");

        await WriteAsync(path, "# Live coaching benchmarks\n\n| 4000 | 41.0 ms |\n", CancellationToken.None);

        Assert.Equal($"{Begin}\n# Live coaching benchmarks\n\n| 4000 | 41.0 ms |\n{End}\n\n{Notes}", await File.ReadAllTextAsync(path));

        // Run after run, the notes stay once and the generated part stays one.
        await WriteAsync(path, "# Live coaching benchmarks\n\n| 4800 | 49.9 ms |\n", CancellationToken.None);
        Assert.Equal($"{Begin}\n# Live coaching benchmarks\n\n| 4800 | 49.9 ms |\n{End}\n\n{Notes}", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public void Merge_TextBeforeTheGeneratedPart_IsKeptToo() =>
        Assert.Equal($"Read this first.\n\n{Begin}\nnew\n{End}\n{Notes}", Merge($"Read this first.\n\n{Begin}\nold\n{End}\n{Notes}", "new\n"));

    [Fact]
    public async Task WriteAsync_NoFile_WritesTheMarkedPart()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "new folder", "BENCHMARKS.md");

        await WriteAsync(path, "# Live coaching benchmarks\n", CancellationToken.None);

        Assert.Equal($"{Begin}\n# Live coaching benchmarks\n{End}\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public void Merge_FileWithoutMarkers_KeepsAllOfItBelowTheGeneratedPart() =>
        Assert.Equal($"{Begin}\nnew figures\n{End}\n\n# Old report\n\n{Notes}", Merge($"# Old report\n\n{Notes}", "new figures\n"));

    [Theory]
    [InlineData("only the end\n" + End + "\n")]
    [InlineData(Begin + "\nonly the beginning\n")]
    [InlineData(End + "\nreversed\n" + Begin + "\n")]
    [InlineData(Begin + "\na\n" + End + "\n" + Begin + "\nb\n" + End + "\n")]
    public async Task WriteAsync_BrokenMarkers_FailsAndLeavesTheFileAlone(string text)
    {
        using var temp = new TempDirectory();
        var path = temp.File("BENCHMARKS.md");
        await File.WriteAllTextAsync(path, text);

        await Assert.ThrowsAsync<InvalidDataException>(() => WriteAsync(path, "new\n", CancellationToken.None));
        Assert.Throws<InvalidDataException>(() => Check(path));
        Assert.Equal(text, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public void BenchCoaching_ReportWithBrokenMarkers_FailsBeforeMeasuring()
    {
        using var temp = new TempDirectory();
        var path = temp.File("BENCHMARKS.md");
        File.WriteAllText(path, Begin + "\nno end marker\n");

        var (exitCode, _, error) = CliRunner.Run("bench", "coaching", "--report", path);

        Assert.Equal(1, exitCode);
        Assert.Contains("generated part", error, StringComparison.Ordinal);
        Assert.Equal(Begin + "\nno end marker\n", File.ReadAllText(path));
    }

    [Fact]
    public void ShippedCoachingReport_HasOneGeneratedPartWithTheNotesOutsideIt()
    {
        var path = Path.Combine(RepositoryRoot.Path, "backend", "SalesCoach.Coaching", "BENCHMARKS.md");
        var text = File.ReadAllText(path);

        Check(path);
        Assert.StartsWith(Begin + "\n# Live coaching benchmarks", text, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        Assert.InRange(end, 1, text.IndexOf("## Notes on this run", StringComparison.Ordinal));
    }
}
