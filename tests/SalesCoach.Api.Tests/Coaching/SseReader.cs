using System.Net.ServerSentEvents;

namespace SalesCoach.Api.Tests.Coaching;

/// <summary>Opens an interaction's event stream and reads events from it with a deadline.</summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<string>> _events;
    private readonly CancellationTokenSource _cancel = new();

    private SseReader(HttpResponseMessage response, Stream stream)
    {
        _response = response;
        _events = SseParser.Create(stream).EnumerateAsync(_cancel.Token).GetAsyncEnumerator(_cancel.Token);
    }

    public static async Task<SseReader> OpenAsync(HttpClient client, string interactionId, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/interactions/{interactionId}/events");
        if (lastEventId is { } last)
        {
            request.Headers.Add("Last-Event-ID", last.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseReader(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>Reads <paramref name="count"/> events, failing after <paramref name="timeout"/>.</summary>
    public async Task<List<SseItem<string>>> ReadAsync(int count, TimeSpan? timeout = null)
    {
        var items = new List<SseItem<string>>();
        var read = Task.Run(async () =>
        {
            while (items.Count < count && await _events.MoveNextAsync())
            {
                items.Add(_events.Current);
            }
        });
        var finished = await Task.WhenAny(read, Task.Delay(timeout ?? TimeSpan.FromSeconds(20)));
        Assert.True(finished == read, $"Only {items.Count} of {count} events arrived in time.");
        await read;
        Assert.Equal(count, items.Count);
        return items;
    }

    /// <summary>True when the server ended the stream (after completion).</summary>
    public async Task<bool> EndsAsync(TimeSpan timeout)
    {
        var next = _events.MoveNextAsync().AsTask();
        var finished = await Task.WhenAny(next, Task.Delay(timeout));
        return finished == next && !await next;
    }

    public async ValueTask DisposeAsync()
    {
        await _cancel.CancelAsync();
        try
        {
            await _events.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
            // The enumerator was mid-read when the test finished with it.
        }

        _response.Dispose();
        _cancel.Dispose();
    }
}
