using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace SalesCoach.Cli.Coaching;

/// <summary>
/// Load on a running backend (127.0.0.1 only): <c>n</c> interactions, each with an open event
/// stream, each sending one segment per second; latency = POST sent -> that segment's tip read
/// from the stream. The baseline is the same request rate against a bare endpoint of the host
/// (<c>/health/live</c>, no work), in the same run. CPU used by the host and by this driver is measured over the
/// sending window (the two share the machine).
/// </summary>
public sealed class EndToEndLoadTest(Uri baseUrl, string apiKey, Func<TimeSpan> hostCpuTime)
{
    // A customer line the shipped model reads as a price objection; conversation time jumps 200 s per
    // segment so the 120 s cooldown never hides the tip.
    private const string Objection = "Honestly the price is way too high for our budget.";

    public sealed record Step(
        int Rate, int Sent, int Tips, int Errors, double P50Ms, double P99Ms, double LaterP99Ms, double BaselineP50Ms, double BaselineP99Ms,
        double HostCores, double DriverCores);

    public async Task<Step> RunStepAsync(int interactions, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var http = CreateClient();
        // The streams hold a connection each for the whole step: their own pool, so posts never wait for a free connection.
        using var streamHttp = CreateClient();
        var ids = await Task.WhenAll(Enumerable.Range(0, interactions).Select(_ => CreateInteractionAsync(http, cancellationToken)));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sentAt = new ConcurrentDictionary<(string, long), long>();
        var latencies = new ConcurrentBag<(long Seq, double Ms)>();
        var errors = 0;
        var opened = ids.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var streams = ids.Select((id, n) => ReadTipsAsync(streamHttp, id, opened[n], sentAt, latencies, stop.Token)).ToList();
        // Every stream is open (headers received) before the first segment, as an adapter opens its stream first.
        await Task.WhenAll(opened.Select(o => o.Task)).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        var window = Stopwatch.StartNew();
        var hostCpu = hostCpuTime();
        var driverCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sent = 0;
        var senders = ids.Select(async (id, n) =>
        {
            // Spread the senders over the second so the rate is even, not a burst per second.
            await Task.Delay(TimeSpan.FromMilliseconds(1000.0 * n / interactions), cancellationToken);
            var clock = Stopwatch.StartNew();
            var path = $"/api/v1/interactions/{id}/segments";
            for (var seq = 1L; clock.Elapsed < duration; seq++)
            {
                var body = new { segments = new[] { new { seq, speaker = "customer", text = Objection, startMs = seq * 200_000, endMs = seq * 200_000 + 3_000 } } };
                // Serialized up front so the request carries a Content-Length, as a browser's fetch of a JSON string does.
                using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, JsonSerializerOptions.Web));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                sentAt[(id, seq)] = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.PostAsync(path, content, cancellationToken);
                    Interlocked.Increment(ref sent);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                var next = TimeSpan.FromSeconds(seq) - clock.Elapsed;
                if (next > TimeSpan.Zero)
                {
                    await Task.Delay(next, cancellationToken);
                }
            }
        });
        await Task.WhenAll(senders);
        await Task.Delay(1000, cancellationToken); // let the last tips arrive
        var hostCores = (hostCpuTime() - hostCpu) / window.Elapsed;
        var driverCores = (Process.GetCurrentProcess().TotalProcessorTime - driverCpu) / window.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(streams);
        var baseline = await BaselineAsync(http, interactions, duration, cancellationToken);
        var sorted = latencies.Select(l => l.Ms).Order().ToArray();
        // Every call's first segment comes in the step's first second, a burst; the rest are the steady state of a call.
        var later = latencies.Where(l => l.Seq > 1).Select(l => l.Ms).Order().ToArray();
        return new Step(interactions, sent, sorted.Length, errors,
            InProcessSegmentBenchmark.Percentile(sorted, 0.5), InProcessSegmentBenchmark.Percentile(sorted, 0.99),
            InProcessSegmentBenchmark.Percentile(later, 0.99), baseline.P50, baseline.P99, hostCores, driverCores);
    }

    private HttpClient CreateClient() => new(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", apiKey) },
    };

    private static async Task<string> CreateInteractionAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var response = await http.PostAsJsonAsync("/api/v1/interactions",
            new { crm = "hubspot", recordType = "deal", recordId = "bench", repId = "bench", language = "en", channel = "call" }, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetString()!;
    }

    private static async Task ReadTipsAsync(
        HttpClient http, string id, TaskCompletionSource opened, ConcurrentDictionary<(string, long), long> sentAt, ConcurrentBag<(long Seq, double Ms)> latencies,
        CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/interactions/{id}/events");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            opened.TrySetResult();
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
            {
                if (item.EventType != "tip")
                {
                    continue;
                }

                using var tip = JsonDocument.Parse(item.Data);
                var seq = tip.RootElement.GetProperty("segmentSeq").GetInt64();
                if (sentAt.TryRemove((id, seq), out var start)) // the first tip of a segment counts; later ones (metric tips) do not
                {
                    latencies.Add((seq, Stopwatch.GetElapsedTime(start).TotalMilliseconds));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
        {
            // The step is over (or the server cut the stream); what arrived is counted.
            opened.TrySetResult();
        }
    }

    private static async Task<(double P50, double P99)> BaselineAsync(HttpClient http, int rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double>();
        var workers = Enumerable.Range(0, rate).Select(async n =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1000.0 * n / rate), cancellationToken);
            var clock = Stopwatch.StartNew();
            for (var i = 1; clock.Elapsed < duration; i++)
            {
                var start = Stopwatch.GetTimestamp();
                using (var response = await http.GetAsync("/health/live", cancellationToken))
                {
                    latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }

                var next = TimeSpan.FromSeconds(i) - clock.Elapsed;
                if (next > TimeSpan.Zero)
                {
                    await Task.Delay(next, cancellationToken);
                }
            }
        });
        await Task.WhenAll(workers);
        var sorted = latencies.Order().ToArray();
        return (InProcessSegmentBenchmark.Percentile(sorted, 0.5), InProcessSegmentBenchmark.Percentile(sorted, 0.99));
    }
}
