using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace SalesCoach.Coaching.Replay;

/// <summary>
/// Replays a transcript against a running backend through the public API: creates an
/// interaction, opens its event stream, posts each segment when its start time comes
/// (divided by <c>speed</c>), reports every streamed event, then completes and returns the summary.
/// </summary>
public sealed class ReplayClient(HttpClient http)
{
    public static HttpClient CreateHttp(Uri baseUrl, string apiKey) => new()
    {
        BaseAddress = baseUrl,
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", apiKey) },
    };

    public async Task<JsonElement> RunAsync(
        IReadOnlyList<TranscriptTurn> turns, string language, double speed, Action<SseItem<string>> onEvent, CancellationToken cancellationToken = default)
    {
        var created = await http.PostAsJsonAsync("/api/v1/interactions",
            new { crm = "hubspot", recordType = "replay", recordId = "replay", repId = "replay", language, channel = "call" }, cancellationToken);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetString()!;

        using var streamCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/interactions/{id}/events"),
            HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        events.EnsureSuccessStatusCode();
        var reading = ReadEventsAsync(await events.Content.ReadAsStreamAsync(cancellationToken), onEvent, streamCancel.Token);

        var clock = Stopwatch.StartNew();
        foreach (var turn in turns)
        {
            var due = TimeSpan.FromMilliseconds(turn.StartMs / speed) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }

            var posted = await http.PostAsJsonAsync($"/api/v1/interactions/{id}/segments",
                new { segments = new[] { new { seq = turn.Seq, speaker = turn.Speaker, text = turn.Text, startMs = turn.StartMs, endMs = turn.EndMs } } },
                cancellationToken);
            posted.EnsureSuccessStatusCode();
        }

        var completed = await http.PostAsync($"/api/v1/interactions/{id}/complete", null, cancellationToken);
        completed.EnsureSuccessStatusCode();
        // Completion ends the stream once everything logged before it is delivered.
        await reading.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        events.Dispose();
        return await completed.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    private static async Task ReadEventsAsync(Stream stream, Action<SseItem<string>> onEvent, CancellationToken cancellationToken)
    {
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            onEvent(item);
        }
    }
}
