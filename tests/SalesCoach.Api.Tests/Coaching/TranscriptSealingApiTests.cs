using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Storage.Database;
using SalesCoach.TestSupport;
using static SalesCoach.Api.Tests.Coaching.CoachingClient;

namespace SalesCoach.Api.Tests.Coaching;

/// <summary>Transcript text is sealed at rest while every answer (append, events, summary) carries it as before.</summary>
public class TranscriptSealingApiTests
{
    // Words that appear nowhere but in what the customer and rep say, so finding them in a row means clear text.
    private static readonly string[] Spoken = ["Zanzibar", "Quetzal"];

    private static readonly object[] Conversation =
    [
        Segment(1, "rep", "Morning! How did the pilot go?", 0, 4_000),
        Segment(2, "customer", "Honestly it is too expensive after the Zanzibar rollout.", 5_000, 10_000),
        Segment(3, "rep", "Compared to what the manual reporting costs you today?", 11_000, 15_000),
        Segment(4, "rep", "Let's do a demo on Thursday with the Quetzal team.", 16_000, 20_000),
    ];

    /// <summary>Every column of the coaching tables that holds text written from a conversation.</summary>
    private static readonly (string Table, string Column)[] TextColumns =
    [
        ("coaching_segments", "text"), ("coaching_segments", "signals"), ("coaching_tips", "body"),
        ("coaching_events", "data"), ("coaching_summaries", "body"),
    ];

    [Theory, ClassData(typeof(BothStores))]
    public async Task AppendAndComplete_Conversation_NoRowHoldsTheWordsWhileAnswersDo(StorageProvider provider)
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider);
        await using var _ = store;
        await using var __ = factory;
        var (tenantId, client) = await factory.NewTenantClientAsync();
        var id = await client.CreateInteractionAsync();
        await using var live = await SseReader.OpenAsync(client, id);

        var appended = await client.PostSegmentsAsync(id, Conversation);
        Assert.Equal(HttpStatusCode.OK, appended.StatusCode);
        var tips = (await appended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tips").GetArrayLength();
        var liveEvents = await live.ReadAsync(tips + 1);
        var completed = await client.PostAsync($"/api/v1/interactions/{id}/complete", null);
        var summaryText = await completed.Content.ReadAsStringAsync();
        await using var replay = await SseReader.OpenAsync(client, id, lastEventId: 0);
        var replayed = await replay.ReadAsync(tips + 1);

        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var summary = JsonDocument.Parse(summaryText).RootElement;
        Assert.Equal(
            "Honestly it is too expensive after the Zanzibar rollout.",
            Assert.Single(summary.GetProperty("objections").EnumerateArray()).GetProperty("text").GetString());
        Assert.Equal(
            "Let's do a demo on Thursday with the Quetzal team.",
            Assert.Single(summary.GetProperty("nextSteps").EnumerateArray()).GetProperty("text").GetString());
        Assert.Equal(summaryText, await client.GetStringAsync($"/api/v1/interactions/{id}/summary"));
        Assert.Equal(liveEvents.Select(e => (e.EventId, e.EventType, e.Data)), replayed.Select(e => (e.EventId, e.EventType, e.Data)));
        Assert.Equal([.. Enumerable.Repeat("tip", tips), "metrics"], replayed.Select(e => e.EventType));
        Assert.Contains(replayed, e => e.Data.Contains("objection_price", StringComparison.Ordinal));

        await using var connection = await store.Database.OpenAsync();
        Assert.Equal(4, await factory.CountAsync("coaching_segments", tenantId));
        Assert.Equal(1, await factory.CountAsync("coaching_summaries", tenantId));
        foreach (var (table, column) in TextColumns)
        {
            var values = await connection.QueryAsync<string>($"SELECT {column} FROM {table} WHERE tenant_id = @tenantId", new { tenantId });
            foreach (var value in values)
            {
                Assert.All(Spoken, word => Assert.DoesNotContain(word, value, StringComparison.OrdinalIgnoreCase));
            }
        }
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task ReadSummary_RowCopiedIntoAnotherTenant_DoesNotOpen(StorageProvider provider)
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider);
        await using var _ = store;
        await using var __ = factory;
        var (ownerTenant, owner) = await factory.NewTenantClientAsync("Owner");
        var (otherTenant, other) = await factory.NewTenantClientAsync("Other");
        var id = await owner.CreateInteractionAsync();
        await owner.PostSegmentsAsync(id, Conversation);
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsync($"/api/v1/interactions/{id}/complete", null)).StatusCode);

        await using (var connection = await store.Database.OpenAsync())
        {
            // Someone with write access to the database moves the sealed row under another tenant.
            await connection.ExecuteAsync(
                """
                INSERT INTO coaching_summaries (tenant_id, interaction_id, body, created_at)
                SELECT @otherTenant, interaction_id, body, created_at FROM coaching_summaries WHERE tenant_id = @ownerTenant AND interaction_id = @id
                """, new { otherTenant, ownerTenant, id });
        }

        var stolen = await other.GetAsync($"/api/v1/interactions/{id}/summary");
        var stolenBody = await stolen.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, stolen.StatusCode);
        Assert.Equal("application/problem+json", stolen.Content.Headers.ContentType?.MediaType);
        Assert.All(Spoken, word => Assert.DoesNotContain(word, stolenBody, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("Zanzibar", await owner.GetStringAsync($"/api/v1/interactions/{id}/summary"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task AppendAndComplete_LegacyClearRows_StillReadAndQuoted(StorageProvider provider)
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider);
        await using var _ = store;
        await using var __ = factory;
        var (tenantId, client) = await factory.NewTenantClientAsync();
        // Stored as a build before sealing stored it, not held by this host: its first append reads the rows below.
        var id = (await factory.Services.GetRequiredService<InteractionStore>()
            .CreateAsync(tenantId, new NewInteraction("hubspot", "deal", "42", "rep-1", "en", "call"))).Id;
        var older = await client.CreateInteractionAsync();
        const string LegacySummary = """{"interactionId":"old","summary":"written before sealing"}""";
        await using (var connection = await store.Database.OpenAsync())
        {
            // Rows as a build before sealing wrote them: clear text.
            await connection.ExecuteAsync(
                """
                INSERT INTO coaching_segments (tenant_id, interaction_id, seq, speaker, text, start_ms, end_ms, signals, received_at)
                VALUES (@tenantId, @id, 1, 'customer', 'This is too expensive for Zanzibar.', 0, 4000, '[{"label":"objection_price","score":0.9}]', 0);
                INSERT INTO coaching_summaries (tenant_id, interaction_id, body, created_at) VALUES (@tenantId, @older, @LegacySummary, 0);
                """, new { tenantId, id, older, LegacySummary });
        }

        var appended = await client.PostSegmentsAsync(id, Segment(2, "rep", "What do you compare it with?", 5_000, 8_000));
        var completed = await client.PostAsync($"/api/v1/interactions/{id}/complete", null);

        Assert.Equal(HttpStatusCode.OK, appended.StatusCode);
        Assert.Equal(2, (await appended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("metrics").GetProperty("segments").GetInt32());
        var summary = await completed.Content.ReadFromJsonAsync<JsonElement>();
        var objection = Assert.Single(summary.GetProperty("objections").EnumerateArray());
        Assert.Equal("This is too expensive for Zanzibar.", objection.GetProperty("text").GetString());
        Assert.Equal(2, objection.GetProperty("answeredBySeq").GetInt64());
        Assert.Equal(LegacySummary, await client.GetStringAsync($"/api/v1/interactions/{older}/summary"));
    }
}
