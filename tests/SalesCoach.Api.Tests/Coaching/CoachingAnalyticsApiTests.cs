using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SalesCoach.Api.Tests.Infrastructure;
using SalesCoach.Storage.Database;
using static SalesCoach.Api.Tests.Coaching.CoachingClient;

namespace SalesCoach.Api.Tests.Coaching;

public class CoachingAnalyticsApiTests
{
    // rep-1, call A: rep talks 0-30 s (one filler "um", one question, a next step), customer 30-40 s.
    // Talk share 0.75, longest monologue 30 000 ms, 1 question, 1 filler in 30 s = 2 per minute.
    private static readonly object[] CallA =
    [
        Segment(1, "rep", "Um this is the plan. How is the quarter going? Let's do a demo on Thursday.", 0, 30_000),
        Segment(2, "customer", "Sounds good.", 30_000, 40_000),
    ];

    // rep-1, call B: 20 s each, no question, no filler, no next step; an objection tip.
    private static readonly object[] CallB =
    [
        Segment(1, "rep", "Thanks for joining today.", 0, 20_000),
        Segment(2, "customer", "This is too expensive for us.", 20_000, 40_000),
    ];

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Analytics_ScriptedInteractions_EqualHandComputedFiguresForThatTenantOnly(StorageProvider provider)
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider);
        await using var _ = store;
        await using var __ = factory;
        var (_, client) = await factory.NewTenantClientAsync("A");
        var (_, other) = await factory.NewTenantClientAsync("B");

        var (a, tipsA) = await RunAsync(client, "rep-1", CallA, complete: true);
        var (b, tipsB) = await RunAsync(client, "rep-1", CallB, complete: true);
        var (_, tipsC) = await RunAsync(client, "rep-2", [Segment(1, "rep", "Hello there.", 0, 5_000)], complete: false);
        await RunAsync(other, "rep-1", CallB, complete: true);
        var nextStep = tipsA.Single(t => t.Kind == "next_step").Id;
        var objection = tipsB.Single(t => t.Kind == "objection_price").Id;
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync(TipFeedbackApiTests.TipEvents(a, nextStep), new { type = "helpful" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync(TipFeedbackApiTests.TipEvents(a, nextStep), new { type = "helpful" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync(TipFeedbackApiTests.TipEvents(b, objection), new { type = "not_helpful" })).StatusCode);

        var reps = (await client.GetFromJsonAsync<JsonElement>("/api/v1/analytics/reps")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["rep-1", "rep-2"], reps.Select(r => r.GetProperty("repId").GetString()));
        var rep1 = reps[0];
        Assert.Equal(2, rep1.GetProperty("interactions").GetInt64());
        Assert.Equal(2, rep1.GetProperty("completed").GetInt64());
        Assert.Equal(0.625, rep1.GetProperty("averageTalkShare").GetDouble(), 6);
        Assert.Equal(25_000, rep1.GetProperty("averageLongestMonologueMs").GetDouble(), 6);
        Assert.Equal(0.5, rep1.GetProperty("questionsPerInteraction").GetDouble(), 6);
        Assert.Equal(1.0, rep1.GetProperty("fillerWordsPerMinute").GetDouble(), 6);
        Assert.Equal(tipsA.Count + tipsB.Count, rep1.GetProperty("tipsShown").GetInt64());
        Assert.Equal(1, rep1.GetProperty("tipsHelpful").GetInt64());
        Assert.Equal(1, rep1.GetProperty("tipsNotHelpful").GetInt64());
        Assert.Equal(0.5, rep1.GetProperty("noNextStepShare").GetDouble(), 6);
        var rep2 = reps[1];
        Assert.Equal((1L, 0L), (rep2.GetProperty("interactions").GetInt64(), rep2.GetProperty("completed").GetInt64()));
        Assert.Equal(JsonValueKind.Null, rep2.GetProperty("averageTalkShare").ValueKind);

        var adoption = await client.GetFromJsonAsync<JsonElement>("/api/v1/analytics/adoption");
        var kinds = adoption.GetProperty("kinds").EnumerateArray().ToDictionary(k => k.GetProperty("kind").GetString()!);
        var shownByKind = tipsA.Concat(tipsB).Concat(tipsC).GroupBy(t => t.Kind).ToDictionary(g => g.Key, g => g.LongCount());
        Assert.Equal(shownByKind.Keys.Order(), kinds.Keys.Order());
        Assert.All(shownByKind, s => Assert.Equal(s.Value, kinds[s.Key].GetProperty("shown").GetInt64()));
        Assert.Equal((1L, 0L, 1.0, 1L), Figures(kinds["next_step"]));
        Assert.Equal((0L, 1L, 0.0, 0L), Figures(kinds["objection_price"]));
        var totals = adoption.GetProperty("totals");
        Assert.Equal(3, totals.GetProperty("interactions").GetInt64());
        Assert.Equal(shownByKind.Values.Sum(), totals.GetProperty("shown").GetInt64());
        Assert.Equal((1L, 1L, 0.5, 1L), Figures(totals));

        // Tenant B used the same rep id: it sees its one interaction and none of A's votes.
        var theirs = (await other.GetFromJsonAsync<JsonElement>("/api/v1/analytics/reps")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal((1L, 0L), (theirs.GetProperty("interactions").GetInt64(), theirs.GetProperty("tipsHelpful").GetInt64()));
        var theirTotals = (await other.GetFromJsonAsync<JsonElement>("/api/v1/analytics/adoption")).GetProperty("totals");
        Assert.Equal((1L, 0L), (theirTotals.GetProperty("interactions").GetInt64(), theirTotals.GetProperty("helpful").GetInt64()));

        // A period before any of it is empty.
        var past = await client.GetFromJsonAsync<JsonElement>("/api/v1/analytics/reps?from=2020-01-01&to=2020-01-31");
        Assert.Empty(past.GetProperty("items").EnumerateArray());

        var repsCsv = await client.GetAsync("/api/v1/analytics/reps?format=csv");
        Assert.Equal("text/csv", repsCsv.Content.Headers.ContentType!.MediaType);
        var lines = (await repsCsv.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal(
            [
                "repId,interactions,completed,averageTalkShare,averageLongestMonologueMs,questionsPerInteraction,fillerWordsPerMinute,tipsShown,tipsHelpful,tipsNotHelpful,noNextStepShare",
                $"rep-1,2,2,0.625,25000,0.5,1,{tipsA.Count + tipsB.Count},1,1,0.5",
                $"rep-2,1,0,,,,,{tipsC.Count},0,0,",
                "",
            ], lines);
        var adoptionCsv = (await (await client.GetAsync("/api/v1/analytics/adoption?format=csv")).Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal("kind,interactions,shown,helpful,notHelpful,helpfulRate,interactionsWithHelpfulTip", adoptionCsv[0]);
        Assert.Contains("next_step,1,1,1,0,1,1", adoptionCsv);
        Assert.Equal($"total,3,{shownByKind.Values.Sum()},1,1,0.5,1", adoptionCsv[^2]);
        Assert.Equal(shownByKind.Count + 3, adoptionCsv.Length);
    }

    [Theory]
    [InlineData("/api/v1/analytics/reps?from=yesterday")]
    [InlineData("/api/v1/analytics/reps?to=2026-13-01")]
    [InlineData("/api/v1/analytics/reps?from=2026-02-02&to=2026-02-01")]
    [InlineData("/api/v1/analytics/adoption?from=2026-03-01T10:00:00Z&to=2026-03-01T09:00:00Z")]
    [InlineData("/api/v1/analytics/adoption?from=2025-01-01&to=2026-02-01")]
    [InlineData("/api/v1/analytics/adoption?from=2026-01-01T00:00:00&to=2026-02-01")]
    [InlineData("/api/v1/analytics/adoption?format=xml")]
    public async Task Analytics_BadQuery_Answers400Problem(string url)
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(StorageProvider.Sqlite);
        await using var _ = store;
        await using var __ = factory;
        var (_, client) = await factory.NewTenantClientAsync();

        await ProblemAssert.IsProblemAsync(await client.GetAsync(url), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/analytics/reps?from=2026-01-01&to=2026-01-01")).StatusCode);
    }

    private static (long, long, double, long) Figures(JsonElement row) => (
        row.GetProperty("helpful").GetInt64(), row.GetProperty("notHelpful").GetInt64(),
        row.GetProperty("helpfulRate").GetDouble(), row.GetProperty("interactionsWithHelpfulTip").GetInt64());

    private static async Task<(string Id, List<(string Id, string Kind)> Tips)> RunAsync(HttpClient client, string repId, object[] segments, bool complete)
    {
        var id = await client.CreateInteractionAsync(new { crm = "hubspot", recordType = "deal", recordId = "42", repId, language = "en", channel = "call" });
        var response = await client.PostSegmentsAsync(id, segments);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var tips = body.GetProperty("tips").EnumerateArray().Select(t => (t.GetProperty("id").GetString()!, t.GetProperty("kind").GetString()!)).ToList();
        if (complete)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/interactions/{id}/complete", null)).StatusCode);
        }

        return (id, tips);
    }
}
