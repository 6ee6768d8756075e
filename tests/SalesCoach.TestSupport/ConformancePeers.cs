using System.Diagnostics;
using System.Text.Json;

namespace SalesCoach.TestSupport;

/// <summary>
/// Runs the real peers in <c>tests/conformance-peers</c> (npm packages from HubSpot and the
/// published Salesforce example) through node. <c>.ci/setup.sh --test</c> installs them; a test
/// run without that installs them here once (<c>npm ci --ignore-scripts</c>).
/// </summary>
public static class ConformancePeers
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static bool _installed;

    public static string Directory { get; } = Path.Combine(RepositoryRoot.Path, "tests", "conformance-peers");

    public static async Task<JsonElement> RunAsync(string script, object? input = null, params string[] arguments)
    {
        await EnsureInstalledAsync();
        var start = new ProcessStartInfo("node") { WorkingDirectory = Directory };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var (code, output, error) = await RunProcessAsync(start, input is null ? "" : JsonSerializer.Serialize(input));
        if (code != 0)
        {
            throw new InvalidOperationException($"node {script} exited with {code}: {error}");
        }

        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (_installed || System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "@hubspot", "api-client")))
            {
                _installed = true;
                return;
            }

            var start = new ProcessStartInfo("npm") { WorkingDirectory = Directory };
            foreach (var argument in new[] { "ci", "--ignore-scripts", "--no-audit", "--no-fund" })
            {
                start.ArgumentList.Add(argument);
            }

            var (code, _, error) = await RunProcessAsync(start, "");
            _installed = code == 0 ? true : throw new InvalidOperationException($"npm ci in tests/conformance-peers failed: {error}");
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunProcessAsync(ProcessStartInfo start, string input)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}

/// <summary>The repository root: the folder holding SalesCoach.Plugins.sln, found from the test binaries upwards.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "SalesCoach.Plugins.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SalesCoach.Plugins.sln was not found above the test binaries.");
    }
}
