using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Encryption;
using static SalesCoach.Api.Tests.Coaching.CoachingClient;

namespace SalesCoach.Api.Tests.Coaching;

public class InteractionsApiTests
{
    private static readonly object[] Conversation =
    [
        Segment(1, "rep", "Hi Dana, thanks for the time. How is the quarter going?", 0, 6_000),
        Segment(2, "customer", "Busy. Honestly this looks too expensive for us.", 7_000, 12_000),
        Segment(3, "rep", "Compared to what you spend on manual reporting today?", 11_500, 16_000),
        Segment(4, "customer", "Fair. How much would the team plan be?", 18_000, 22_000),
        Segment(5, "rep", "Let's do a demo on Thursday with your ops lead.", 23_000, 27_000),
        Segment(6, "customer", "Sure, reach me at dana@example.com or +1 415 555 0100.", 28_000, 33_000),
    ];

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task AppendSegments_Conversation_ReturnsTipsMetricsAndStoresRedactedText(StorageProvider provider)
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider);
        await using var _ = store;
        await using var __ = factory;
        var (tenantId, client) = await factory.NewTenantClientAsync();
        var id = await client.CreateInteractionAsync();

        var response = await client.PostSegmentsAsync(id, Conversation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var tips = body.GetProperty("tips").EnumerateArray().ToList();
        Assert.Equal(["objection_price", "pricing_question", "next_step"], tips.Select(t => t.GetProperty("kind").GetString()));
        Assert.Equal([2L, 4L, 5L], tips.Select(t => t.GetProperty("segmentSeq").GetInt64()));
        var tip = tips[0];
        foreach (var field in new[] { "id", "kind", "title", "message", "language", "severity", "segmentSeq", "contentIds" })
        {
            Assert.True(tip.TryGetProperty(field, out var _), field);
        }

        var metrics = body.GetProperty("metrics");
        Assert.Equal(6, metrics.GetProperty("segments").GetInt32());
        Assert.Equal(1, metrics.GetProperty("interruptions").GetProperty("rep").GetInt32());
        await using var connection = await store.Database.OpenAsync();
        var stored = await connection.ExecuteScalarAsync<string>(
            "SELECT text FROM coaching_segments WHERE tenant_id = @tenantId AND interaction_id = @id AND seq = 6", new { tenantId, id });
        // Sealed at rest; opened with the host's own key it is the redacted text.
        Assert.DoesNotContain("reach me", stored);
        Assert.Equal("Sure, reach me at [email] or [phone].", factory.Services.GetRequiredService<FieldProtector>().Unprotect(stored!, tenantId));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task AppendSegments_DuplicatesAndOutOfOrder_MetricsEqualInOrderRun(StorageProvider provider)
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider);
        await using var _ = store;
        await using var __ = factory;
        var (tenantId, client) = await factory.NewTenantClientAsync();
        var inOrder = await client.CreateInteractionAsync();
        var scrambled = await client.CreateInteractionAsync();

        await client.PostSegmentsAsync(inOrder, Conversation);
        Assert.Equal(HttpStatusCode.OK, (await client.PostSegmentsAsync(scrambled, Conversation[4], Conversation[1])).StatusCode);
        await client.PostSegmentsAsync(scrambled, Conversation[5], Conversation[0], Conversation[4]);
        var duplicateOnly = await client.PostSegmentsAsync(scrambled, Conversation[1]);
        await client.PostSegmentsAsync(scrambled, Conversation[3], Conversation[2], Conversation[0]);

        var duplicateBody = await duplicateOnly.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(duplicateBody.GetProperty("tips").EnumerateArray());
        var expected = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/interactions/{inOrder}")).GetProperty("metrics").GetRawText();
        var actual = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/interactions/{scrambled}")).GetProperty("metrics").GetRawText();
        Assert.Equal(expected, actual);
        Assert.Equal(12, await factory.CountAsync("coaching_segments", tenantId));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Complete_Conversation_StoresSummaryAndRefusesMoreSegments(StorageProvider provider)
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider);
        await using var _ = store;
        await using var __ = factory;
        var (_, client) = await factory.NewTenantClientAsync();
        var id = await client.CreateInteractionAsync();
        await client.PostSegmentsAsync(id, Conversation);

        var completed = await client.PostAsync($"/api/v1/interactions/{id}/complete", null);
        var again = await client.PostAsync($"/api/v1/interactions/{id}/complete", null);
        var late = await client.PostSegmentsAsync(id, Segment(7, "rep", "One more thing", 40_000, 41_000));

        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var summary = await completed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(await completed.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        var objection = Assert.Single(summary.GetProperty("objections").EnumerateArray());
        Assert.True(objection.GetProperty("handled").GetBoolean());
        Assert.Equal(3, objection.GetProperty("answeredBySeq").GetInt64());
        Assert.Equal(5, Assert.Single(summary.GetProperty("nextSteps").EnumerateArray()).GetProperty("seq").GetInt64());
        Assert.Empty(summary.GetProperty("warnings").EnumerateArray());
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("application/problem+json", late.Content.Headers.ContentType?.MediaType);
        var read = await client.GetStringAsync($"/api/v1/interactions/{id}/summary");
        Assert.Equal(await completed.Content.ReadAsStringAsync(), read);
        var interaction = await client.GetFromJsonAsync<JsonElement>($"/api/v1/interactions/{id}");
        Assert.Equal("completed", interaction.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task AnyEndpoint_AnotherTenantsInteraction_Answers404AndChangesNothing(StorageProvider provider)
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider);
        await using var _ = store;
        await using var __ = factory;
        var (ownerId, owner) = await factory.NewTenantClientAsync("Owner");
        var (intruderId, intruder) = await factory.NewTenantClientAsync("Intruder");
        var id = await owner.CreateInteractionAsync();
        await owner.PostSegmentsAsync(id, Conversation[..2]);

        var responses = new[]
        {
            await intruder.GetAsync($"/api/v1/interactions/{id}"),
            await intruder.PostSegmentsAsync(id, Conversation[2]),
            await intruder.GetAsync($"/api/v1/interactions/{id}/events"),
            await intruder.PostAsync($"/api/v1/interactions/{id}/complete", null),
            await intruder.GetAsync($"/api/v1/interactions/{id}/summary"),
        };

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("too expensive", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(2, await factory.CountAsync("coaching_segments", ownerId));
        Assert.Equal(0, await factory.CountAsync("coaching_segments", intruderId));
        Assert.Equal(0, await factory.CountAsync("coaching_summaries", ownerId));
        var stillLive = await owner.GetFromJsonAsync<JsonElement>($"/api/v1/interactions/{id}");
        Assert.Equal("live", stillLive.GetProperty("status").GetString());
    }
}
