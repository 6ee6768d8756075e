using System.Net.Http.Json;
using System.Text.Json;
using SalesCoach.Storage.Database;
using static SalesCoach.Api.Tests.Content.ContentBodies;

namespace SalesCoach.Api.Tests.Content;

public class RecommendationLanguageTests
{
    private static async Task<(string Gong, string Pricing)> SeedAsync(HttpClient client) => (
        await CreateAsync(client, Item("Battlecard: Gong", "Where we win against Gong", "battlecard", competitors: ["Gong"])),
        await CreateAsync(client, Item("Price list", "Seats, tiers and volume discounts", "pricing")));

    private static async Task<JsonElement> RecommendAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/recommendations", body);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static JsonElement ItemOf(JsonElement answer, string id) => answer.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("contentId").GetString() == id);

    private static string[] Reasons(JsonElement item) => [.. item.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!)];

    [Theory]
    [InlineData(StorageProvider.Sqlite, "fr", "client : On regarde aussi Gong, et c'est trop cher pour nous.",
        "Battlecard Gong, concurrent cité pendant l'échange", "Grille tarifaire pour répondre à l'objection prix")]
    [InlineData(StorageProvider.Postgres, "zh", "客户：我们也在看 Gong，你们太贵了。", "Gong 竞品应对卡，对话中提到了该竞品", "价格表，应对价格异议")]
    [InlineData(StorageProvider.Sqlite, "en", "customer: We also talk to Gong, and you are too expensive.",
        "Battlecard for Gong, named in the conversation", "Pricing sheet for the price objection")]
    public async Task Recommendations_RequestLanguage_AnswersReasonsInThatLanguageWithTheirCodes(
        StorageProvider provider, string language, string said, string battlecard, string pricing)
    {
        await using var host = await ContentApiHost.StartAsync(provider);
        using var client = await host.NewTenantAsync("Acme");
        var ids = await SeedAsync(client);

        var answer = await RecommendAsync(client, new { conversation = new[] { said }, language, limit = 5 });

        Assert.Equal(language, answer.GetProperty("language").GetString());
        var gong = ItemOf(answer, ids.Gong);
        Assert.Equal(battlecard, Reasons(gong)[0]);
        var detail = gong.GetProperty("reasonDetails")[0];
        Assert.Equal("battlecard_named", detail.GetProperty("code").GetString());
        Assert.Equal("Gong", detail.GetProperty("params").GetProperty("competitor").GetString());
        Assert.Equal(battlecard, detail.GetProperty("text").GetString());
        Assert.Contains(pricing, Reasons(ItemOf(answer, ids.Pricing)));
        // The item's shape: DESIGN.md's fields, then the details; the texts are the details' texts.
        Assert.Equal(["contentId", "title", "type", "url", "score", "reasons", "reasonDetails"], gong.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Reasons(gong), gong.GetProperty("reasonDetails").EnumerateArray().Select(d => d.GetProperty("text").GetString()));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Recommendations_InteractionOnly_WritesReasonsInTheInteractionsLanguage(StorageProvider provider)
    {
        await using var host = await ContentApiHost.StartAsync(provider);
        using var client = await host.NewTenantAsync("Acme");
        var ids = await SeedAsync(client);
        var created = await client.PostAsJsonAsync("/api/v1/interactions",
            new { crm = "salesforce", recordType = "Opportunity", recordId = "006A", repId = "rep-1", language = "de", channel = "call" });
        var interactionId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var segments = await client.PostAsJsonAsync($"/api/v1/interactions/{interactionId}/segments", new
        {
            segments = new[] { new { seq = 1, speaker = "customer", text = "Wir sprechen auch mit Gong, und Sie sind uns zu teuer.", startMs = 0, endMs = 4_000 } },
        });
        segments.EnsureSuccessStatusCode();

        var answer = await RecommendAsync(client, new { interactionId, limit = 5 });

        Assert.Equal("de", answer.GetProperty("language").GetString());
        Assert.Equal("Battlecard zu Gong, im Gespräch genannt", Reasons(ItemOf(answer, ids.Gong))[0]);
        Assert.Contains("Preisliste zum Preiseinwand", Reasons(ItemOf(answer, ids.Pricing)));
    }
}
