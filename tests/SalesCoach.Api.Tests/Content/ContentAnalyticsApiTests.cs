using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SalesCoach.Storage.Database;
using static SalesCoach.Api.Tests.Content.ContentBodies;

namespace SalesCoach.Api.Tests.Content;

public sealed class ContentAnalyticsApiTests
{
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Analytics_AfterEventsAndDealOutcomes_CountsPerItemForThatTenantOnly(StorageProvider provider)
    {
        await using var host = await ContentApiHost.StartAsync(provider);
        using var a = await host.NewTenantAsync("A");
        using var b = await host.NewTenantAsync("B");
        var id = await CreateAsync(a, Item("ROI case study", "Payback in five months", "case_study"));

        foreach (var (type, record) in new[] { ("impression", (string?)null), ("impression", null), ("open", null), ("share", null), ("used", "opp-1"), ("used", "opp-2"), ("helpful", null) })
        {
            var sent = await a.PostAsJsonAsync($"/api/v1/content/{id}/events", new { type, interactionId = "i-1", repId = "rep-1", recordId = record });
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await a.PostAsJsonAsync("/api/v1/analytics/deals", new { recordId = "opp-1", outcome = "won" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await a.PostAsJsonAsync("/api/v1/analytics/deals", new { recordId = "opp-2", outcome = "lost" })).StatusCode);
        // Tenant B reports the same record id as won: it must not count for A.
        Assert.Equal(HttpStatusCode.NoContent, (await b.PostAsJsonAsync("/api/v1/analytics/deals", new { recordId = "opp-2", outcome = "won" })).StatusCode);

        var report = await a.GetFromJsonAsync<JsonElement>("/api/v1/analytics/content");
        var row = Assert.Single(report.GetProperty("items").EnumerateArray());
        Assert.Equal(id, row.GetProperty("contentId").GetString());
        Assert.Equal(2, row.GetProperty("impressions").GetInt64());
        Assert.Equal(1, row.GetProperty("opens").GetInt64());
        Assert.Equal(1, row.GetProperty("shares").GetInt64());
        Assert.Equal(2, row.GetProperty("used").GetInt64());
        Assert.Equal(2, row.GetProperty("dealsUsedIn").GetInt64());
        Assert.Equal(1, row.GetProperty("dealsWonWhereUsed").GetInt64());

        var csv = await a.GetAsync("/api/v1/analytics/content?format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.EndsWith(",2,1,1,2,1,0,2,1", lines[1], StringComparison.Ordinal);

        var theirs = await b.GetFromJsonAsync<JsonElement>("/api/v1/analytics/content");
        Assert.Empty(theirs.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Events_And_Analytics_BadInput_Answer400Problems()
    {
        await using var host = await ContentApiHost.StartAsync(StorageProvider.Sqlite);
        using var client = await host.NewTenantAsync("A");
        var id = await CreateAsync(client, Item("Deck", "Body", "deck"));

        var badType = await client.PostAsJsonAsync($"/api/v1/content/{id}/events", new { type = "liked" });
        var badRange = await client.GetAsync("/api/v1/analytics/content?from=2026-02-01&to=2026-01-01");
        var badOutcome = await client.PostAsJsonAsync("/api/v1/analytics/deals", new { recordId = "opp-1", outcome = "maybe" });

        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badRange.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badOutcome.StatusCode);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/v1/analytics/content")).GetProperty("items").EnumerateArray());
    }
}
