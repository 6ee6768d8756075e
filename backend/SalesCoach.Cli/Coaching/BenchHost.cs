using System.Diagnostics;

namespace SalesCoach.Cli.Coaching;

/// <summary>
/// Builds and starts the API host (Release) on 127.0.0.1 with a throw-away SQLite store and a
/// random demo key, for the end-to-end benchmark; disposing stops it.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;

    private BenchHost(Process process, string dataDirectory, Uri baseUrl, string apiKey)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        BaseUrl = baseUrl;
        ApiKey = apiKey;
    }

    public Uri BaseUrl { get; }

    public string ApiKey { get; }

    public int ProcessId => _process.Id;

    public static async Task<BenchHost> StartAsync(string apiProject, int port, TextWriter log, CancellationToken cancellationToken)
    {
        log.WriteLine($"building {apiProject} (Release)...");
        using (var build = Process.Start(new ProcessStartInfo("dotnet", ["build", "-c", "Release", apiProject, "-v", "q", "-nologo"]) { RedirectStandardOutput = true })!)
        {
            await build.StandardOutput.ReadToEndAsync(cancellationToken);
            await build.WaitForExitAsync(cancellationToken);
            if (build.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet build {apiProject} failed.");
            }
        }

        var bin = Path.Combine(apiProject, "bin", "Release", "net10.0");
        var data = Directory.CreateTempSubdirectory("salescoach-bench-").FullName;
        var key = "sc_bench_" + Guid.NewGuid().ToString("N");
        var start = new ProcessStartInfo("dotnet", [Path.GetFullPath(Path.Combine(bin, "SalesCoach.Api.dll"))])
        {
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Storage__DataDirectory"] = data,
                ["Operator__ApiKey"] = "op_" + Guid.NewGuid().ToString("N"),
                // Production needs a configured key: transcripts are sealed at rest.
                ["Encryption__Keys__bench"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
                ["Demo__ApiKey"] = key,
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new BenchHost(process, data, new Uri($"http://127.0.0.1:{port}"), key);
        using var probe = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                if ((await probe.GetAsync("/health/ready", cancellationToken)).IsSuccessStatusCode)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(500, cancellationToken);
        }

        await host.DisposeAsync();
        throw new InvalidOperationException("The API host did not become ready within 60 s.");
    }

    /// <summary>Resident memory of the host process (from /proc), in bytes.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>CPU time the host process has used so far (user + system).</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Temp folder; reclaimed anyway.
        }
    }
}
