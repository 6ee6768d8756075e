using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SalesCoach.Storage.Database;
using static SalesCoach.Api.Tests.Content.ContentBodies;

namespace SalesCoach.Api.Tests.Content;

public sealed class ContentApiTests
{
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Content_CreateReadReplaceArchive_KeepsVersions(StorageProvider provider)
    {
        await using var host = await ContentApiHost.StartAsync(provider);
        using var client = await host.NewTenantAsync("Acme");

        var id = await CreateAsync(client, Item("Price list 2025", "Old prices", "pricing"));
        var put = await client.PutAsJsonAsync($"/api/v1/content/{id}", Item("Price list 2026", "New prices", "pricing"));
        var item = await client.GetFromJsonAsync<JsonElement>($"/api/v1/content/{id}");
        var versions = await client.GetFromJsonAsync<JsonElement>($"/api/v1/content/{id}/versions");
        var delete = await client.DeleteAsync($"/api/v1/content/{id}");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(2, item.GetProperty("version").GetInt32());
        Assert.Equal("Price list 2026", item.GetProperty("title").GetString());
        Assert.Equal(["Price list 2025", "Price list 2026"], versions.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("title").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(0, await CountAsync(client));
        Assert.Equal(1, await CountAsync(client, includeArchived: true));
        Assert.Empty(await RecommendAsync(client, new { context = new { }, conversation = new[] { "price list" }, limit = 5 }));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Create_InvalidBody_Answers400ProblemAndWritesNothing(StorageProvider provider)
    {
        await using var host = await ContentApiHost.StartAsync(provider);
        using var client = await host.NewTenantAsync("Acme");

        var invalid = await client.PostAsJsonAsync("/api/v1/content", new { title = "", body = "x", type = "brochure", language = "it", tags = Enumerable.Range(0, 51).Select(i => $"t{i}") });
        var malformed = await client.PostAsync("/api/v1/content", new StringContent("{\"title\": ", Encoding.UTF8, "application/json"));
        var badPage = await client.GetAsync("/api/v1/content?page=0");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType!.MediaType);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _) && errors.TryGetProperty("type", out _) && errors.TryGetProperty("language", out _) && errors.TryGetProperty("tags", out _));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
        Assert.Equal(0, await CountAsync(client, includeArchived: true));
    }

    [Fact]
    public async Task Content_WithoutCredential_Answers401()
    {
        await using var host = await ContentApiHost.StartAsync(StorageProvider.Sqlite);
        using var anonymous = host.CreateClient();

        var response = await anonymous.GetAsync("/api/v1/content");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Content_OtherTenant_NeverSeesOrAffectsItems(StorageProvider provider)
    {
        await using var host = await ContentApiHost.StartAsync(provider);
        using var a = await host.NewTenantAsync("A");
        using var b = await host.NewTenantAsync("B");
        var id = await CreateAsync(a, Item("Gong battlecard", "How we win against Gong", "battlecard", competitors: ["Gong"]));

        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/content/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/content/{id}/versions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.PutAsJsonAsync($"/api/v1/content/{id}", Item("Taken", "Over"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.DeleteAsync($"/api/v1/content/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsJsonAsync($"/api/v1/content/{id}/events", new { type = "helpful" })).StatusCode);
        Assert.Equal(0, await CountAsync(b, includeArchived: true));
        Assert.Empty(await RecommendAsync(b, new { context = new { competitors = new[] { "Gong" } }, conversation = new[] { "we use Gong" }, limit = 5 }));

        var mine = await a.GetFromJsonAsync<JsonElement>($"/api/v1/content/{id}");
        Assert.Equal("Gong battlecard", mine.GetProperty("title").GetString());
        Assert.Equal(1, mine.GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Recommendations_CompetitorInConversation_AnswersBattlecardWithReasons(StorageProvider provider)
    {
        await using var host = await ContentApiHost.StartAsync(provider);
        using var client = await host.NewTenantAsync("Acme");
        var gong = await CreateAsync(client, Item("Battlecard: Gong", "Where we win against Gong", "battlecard", competitors: ["Gong"]));
        await CreateAsync(client, Item("Battlecard: Clari", "Where we win against Clari", "battlecard", competitors: ["Clari"]));
        await CreateAsync(client, Item("Price list", "Seats and tiers", "pricing"));

        var items = await RecommendAsync(client, new
        {
            context = new { crm = "salesforce", recordType = "Opportunity", stage = "negotiation", products = Array.Empty<string>(), competitors = Array.Empty<string>() },
            conversation = new[] { "customer: Gong showed us something similar last week." },
            language = "en",
            limit = 2,
        });

        Assert.Equal(gong, items[0].Id);
        Assert.Contains("Battlecard for Gong, named in the conversation", items[0].Reasons);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Recommendations_BadInput_Answers400Or404Problems(StorageProvider provider)
    {
        await using var host = await ContentApiHost.StartAsync(provider);
        using var client = await host.NewTenantAsync("Acme");

        var tooMany = await client.PostAsJsonAsync("/api/v1/recommendations", new { conversation = Enumerable.Repeat("hi", 51), limit = 500, language = "xx" });
        var unknownInteraction = await client.PostAsJsonAsync("/api/v1/recommendations", new { interactionId = "nope", limit = 5 });

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        var errors = (await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("conversation", out _) && errors.TryGetProperty("limit", out _) && errors.TryGetProperty("language", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknownInteraction.StatusCode);
        Assert.Equal("application/problem+json", unknownInteraction.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task DemoLibrary_SeededOnStart_Once(StorageProvider provider)
    {
        await using var host = await ContentApiHost.StartAsync(provider, demo: true);
        using var demo = host.ClientFor(ContentApiHost.DemoKey);
        var first = await CountAsync(demo);
        await using var restarted = host.Restart();
        using var demoAgain = restarted.ClientFor(ContentApiHost.DemoKey);

        var second = await CountAsync(demoAgain);

        Assert.Equal(SalesCoach.Content.Library.DemoLibrary.Drafts().Count, first);
        Assert.True(first >= 100);
        Assert.Equal(first, second);
    }
}
