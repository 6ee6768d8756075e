using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SalesCoach.Storage.Database;
using static SalesCoach.Api.Tests.Coaching.CoachingClient;

namespace SalesCoach.Api.Tests.Coaching;

public class LargeInteractionTests
{
    private const int Total = 10_000;
    private const int PerCall = 100;

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task AppendSegments_TenThousandSegments_AllCountedStreamedAndSummarised(StorageProvider provider)
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider);
        await using var _ = store;
        await using var __ = factory;
        var (tenantId, client) = await factory.NewTenantClientAsync();
        var id = await client.CreateInteractionAsync();
        await using var stream = await SseReader.OpenAsync(client, id);

        var events = 0;
        for (var start = 0; start < Total; start += PerCall)
        {
            var batch = Enumerable.Range(start, PerCall).Select(i => Segment(i, i % 2 == 0 ? "rep" : "customer",
                i % 500 == 1 ? "Honestly that is too expensive" : "Okay, that makes sense to me", i * 3_000L, i * 3_000L + 2_500)).ToArray();
            var response = await client.PostSegmentsAsync(id, batch);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            events += (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tips").GetArrayLength() + 1;
        }

        var streamed = await stream.ReadAsync(events, TimeSpan.FromSeconds(60));
        var metrics = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/interactions/{id}")).GetProperty("metrics");
        var summary = await (await client.PostAsync($"/api/v1/interactions/{id}/complete", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(events, streamed.Count);
        Assert.Equal(Total, metrics.GetProperty("segments").GetInt32());
        Assert.Equal(Total / 2 * 2_500L, metrics.GetProperty("talkMs").GetProperty("rep").GetInt64());
        Assert.Equal(Total / 2 * 2_500L, metrics.GetProperty("talkMs").GetProperty("customer").GetInt64());
        Assert.Equal(Total, await factory.CountAsync("coaching_segments", tenantId));
        Assert.Equal(Total / 500, summary.GetProperty("signals").EnumerateArray().Single(s => s.GetProperty("label").GetString() == "objection_price").GetProperty("count").GetInt32());
    }
}
