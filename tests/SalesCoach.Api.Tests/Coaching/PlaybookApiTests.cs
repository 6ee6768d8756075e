using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SalesCoach.Storage.Database;
using static SalesCoach.Api.Tests.Coaching.CoachingClient;

namespace SalesCoach.Api.Tests.Coaching;

public class PlaybookApiTests
{
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Put_CompetitorsAndWording_ChangeTheTipsOfThatTenantOnly(StorageProvider provider)
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider);
        await using var _ = store;
        await using var __ = factory;
        var (_, client) = await factory.NewTenantClientAsync("A");
        var (_, other) = await factory.NewTenantClientAsync("B");
        var playbook = JsonNode.Parse(await client.GetStringAsync("/api/v1/playbook"))!;
        playbook["competitors"] = new JsonArray("Globex");
        playbook["tips"]!["competitor"]!["text"]!["en"]!["title"] = "Globex came up: open the battlecard";
        playbook["tips"]!["competitor"]!["contentIds"] = new JsonArray("battlecard-globex");

        var put = await client.PutAsync("/api/v1/playbook", JsonContent.Create(playbook));
        var id = await client.CreateInteractionAsync();
        var tips = await TipsAsync(client, id, "We are also talking to Globex");
        var otherId = await other.CreateInteractionAsync();
        var otherTips = await TipsAsync(other, otherId, "We are also talking to Globex");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var tip = Assert.Single(tips);
        Assert.Equal("competitor", tip.GetProperty("kind").GetString());
        Assert.Equal("Globex came up: open the battlecard", tip.GetProperty("title").GetString());
        Assert.Equal("battlecard-globex", Assert.Single(tip.GetProperty("contentIds").EnumerateArray()).GetString());
        Assert.Empty(otherTips);
    }

    [Fact]
    public async Task Put_InvalidPlaybook_Answers400AndKeepsTheOldOne()
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(StorageProvider.Sqlite);
        await using var _ = store;
        await using var __ = factory;
        var (_, client) = await factory.NewTenantClientAsync();
        var before = await client.GetStringAsync("/api/v1/playbook");
        var playbook = JsonNode.Parse(before)!;
        playbook["thresholds"]!["talkRatioMax"] = 7;
        playbook["tips"]!["pace"]!["severity"] = "shout";

        var put = await client.PutAsync("/api/v1/playbook", JsonContent.Create(playbook));
        var problem = await put.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("thresholds.talkRatioMax", out var __1));
        Assert.True(problem.GetProperty("errors").TryGetProperty("tips.pace.severity", out var __2));
        Assert.Equal(before, await client.GetStringAsync("/api/v1/playbook"));
    }

    private static async Task<List<JsonElement>> TipsAsync(HttpClient client, string id, string text)
    {
        var response = await client.PostSegmentsAsync(id, Segment(1, "customer", text, 0, 3_000));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("tips").EnumerateArray().ToList();
    }
}
