using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SalesCoach.Api.Tests.Infrastructure;
using SalesCoach.Storage.Database;
using static SalesCoach.Api.Tests.Coaching.CoachingClient;

namespace SalesCoach.Api.Tests.Coaching;

public class TipFeedbackApiTests
{
    private static readonly object[] PriceCall =
    [
        Segment(1, "rep", "Thanks for joining.", 0, 4_000),
        Segment(2, "customer", "Honestly this looks too expensive for us.", 5_000, 9_000),
        Segment(3, "customer", "How much would the team plan be?", 10_000, 13_000),
    ];

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task PostTipFeedback_DoubleSubmitAndChangeOfMind_StoresOneVotePerRepAndTip(StorageProvider provider)
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider);
        await using var _ = store;
        await using var __ = factory;
        var (tenantId, client) = await factory.NewTenantClientAsync();
        var (id, tips) = await StartWithTipsAsync(client);

        var first = await client.PostAsJsonAsync(TipEvents(id, tips[0]), new { type = "helpful", repId = "rep-1" });
        var again = await client.PostAsJsonAsync(TipEvents(id, tips[0]), new { type = "helpful", repId = "rep-1" });
        var withoutRep = await client.PostAsJsonAsync(TipEvents(id, tips[1]), new { type = "not_helpful" });
        var changed = await client.PostAsJsonAsync(TipEvents(id, tips[1]), new { type = "helpful" });

        Assert.All(new[] { first, again, withoutRep, changed }, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(2, await factory.CountAsync("coaching_tip_feedback", tenantId));
        var adoption = await client.GetFromJsonAsync<JsonElement>("/api/v1/analytics/adoption");
        Assert.Equal(2, adoption.GetProperty("totals").GetProperty("helpful").GetInt64());
        Assert.Equal(0, adoption.GetProperty("totals").GetProperty("notHelpful").GetInt64());
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task PostTipFeedback_InvalidOrUnknownOrOtherTenant_AnswersProblemAndWritesNothing(StorageProvider provider)
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider);
        await using var _ = store;
        await using var __ = factory;
        var (tenantId, client) = await factory.NewTenantClientAsync("A");
        var (otherTenantId, other) = await factory.NewTenantClientAsync("B");
        var (id, tips) = await StartWithTipsAsync(client);
        var (secondId, _) = await StartWithTipsAsync(client);

        foreach (var body in new object[]
        {
            new { type = "liked" }, new { type = "used" }, new { repId = "rep-1" }, new { type = "helpful", repId = new string('r', 201) },
            new { type = "helpful", repId = "   " }, new { type = "helpful", repId = "" },
        })
        {
            await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync(TipEvents(id, tips[0]), body), HttpStatusCode.BadRequest);
        }

        var helpful = new { type = "helpful" };
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync(TipEvents(id, "no-such-tip"), helpful), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync(TipEvents("no-such-interaction", tips[0]), helpful), HttpStatusCode.NotFound);
        // A real tip id, but of another interaction.
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync(TipEvents(secondId, tips[0]), helpful), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await other.PostAsJsonAsync(TipEvents(id, tips[0]), helpful), HttpStatusCode.NotFound);

        Assert.Equal(0, await factory.CountAsync("coaching_tip_feedback", tenantId));
        Assert.Equal(0, await factory.CountAsync("coaching_tip_feedback", otherTenantId));
    }

    internal static string TipEvents(string interactionId, string tipId) =>
        $"/api/v1/interactions/{Uri.EscapeDataString(interactionId)}/tips/{Uri.EscapeDataString(tipId)}/events";

    private static async Task<(string Id, List<string> TipIds)> StartWithTipsAsync(HttpClient client)
    {
        var id = await client.CreateInteractionAsync();
        var response = await client.PostSegmentsAsync(id, PriceCall);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var tips = body.GetProperty("tips").EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
        Assert.True(tips.Count >= 2, $"the scripted call raises at least two tips, got {tips.Count}");
        return (id, tips);
    }
}
