using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SalesCoach.Storage.Database;
using static SalesCoach.Api.Tests.Coaching.CoachingClient;

namespace SalesCoach.Api.Tests.Coaching;

public class InteractionEventsTests
{
    // Turn n: the customer objects (seq 2n), the rep answers (seq 2n+1); turns are 200 s apart, past the 120 s cooldown.
    private static object PriceObjection(long turn) => Segment(2 * turn, "customer", "That is too expensive for us", turn * 200_000, turn * 200_000 + 3_000);

    private static object Small(long turn) => Segment(2 * turn + 1, "rep", "Understood, tell me more", turn * 200_000 + 4_000, turn * 200_000 + 6_000);

    private static async Task<int> PostAndCountEventsAsync(HttpClient client, string id, params object[] segments)
    {
        var response = await client.PostSegmentsAsync(id, segments);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("tips").GetArrayLength() + 1; // each tip, then one metrics event
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Events_ReconnectWithLastEventId_MissesNothing(StorageProvider provider)
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider);
        await using var _ = store;
        await using var __ = factory;
        var (_, client) = await factory.NewTenantClientAsync();
        var id = await client.CreateInteractionAsync();
        var seen = new List<System.Net.ServerSentEvents.SseItem<string>>();

        await using (var first = await SseReader.OpenAsync(client, id))
        {
            var expected = await PostAndCountEventsAsync(client, id, PriceObjection(1), Small(1));
            seen.AddRange(await first.ReadAsync(expected));
        }

        // While nobody listens: more tips (price again after its 120 s cooldown) and metrics.
        var missed = 0;
        for (var seq = 2; seq <= 4; seq++)
        {
            missed += await PostAndCountEventsAsync(client, id, PriceObjection(seq), Small(seq));
        }

        await using (var second = await SseReader.OpenAsync(client, id, long.Parse(seen[^1].EventId!, System.Globalization.CultureInfo.InvariantCulture)))
        {
            seen.AddRange(await second.ReadAsync(missed));
            var live = await PostAndCountEventsAsync(client, id, PriceObjection(20));
            seen.AddRange(await second.ReadAsync(live));
        }

        Assert.Equal(Enumerable.Range(1, seen.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), seen.Select(e => e.EventId));
        Assert.Equal(5, seen.Count(e => e.EventType == "metrics"));
        var tipKinds = seen.Where(e => e.EventType == "tip").Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("kind").GetString()).ToList();
        Assert.Equal(5, tipKinds.Count(k => k == "objection_price"));
    }

    [Fact]
    public async Task Events_TwoStreams_BothReceiveEveryEventAndEndOnCompletion()
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(StorageProvider.Sqlite);
        await using var _ = store;
        await using var __ = factory;
        var (_, client) = await factory.NewTenantClientAsync();
        var id = await client.CreateInteractionAsync();
        await using var rep = await SseReader.OpenAsync(client, id);
        await using var manager = await SseReader.OpenAsync(client, id);

        var expected = await PostAndCountEventsAsync(client, id, PriceObjection(1), Small(1));
        var repEvents = await rep.ReadAsync(expected);
        var managerEvents = await manager.ReadAsync(expected);
        await client.PostAsync($"/api/v1/interactions/{id}/complete", null);

        Assert.Equal(repEvents.Select(e => (e.EventId, e.EventType, e.Data)), managerEvents.Select(e => (e.EventId, e.EventType, e.Data)));
        Assert.True(await rep.EndsAsync(TimeSpan.FromSeconds(10)));
        Assert.True(await manager.EndsAsync(TimeSpan.FromSeconds(10)));
        var afterEnd = await client.GetAsync($"/api/v1/interactions/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, afterEnd.StatusCode); // the log is replayed to a client that never saw it
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/interactions/{id}/events");
        request.Headers.Add("Last-Event-ID", repEvents[^1].EventId);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Events_BadLastEventId_Answers400()
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(StorageProvider.Sqlite);
        await using var _ = store;
        await using var __ = factory;
        var (_, client) = await factory.NewTenantClientAsync();
        var id = await client.CreateInteractionAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/interactions/{id}/events");
        request.Headers.Add("Last-Event-ID", "abc");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
