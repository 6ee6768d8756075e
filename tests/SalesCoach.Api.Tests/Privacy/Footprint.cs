using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SalesCoach.Api.Tests.Content;
using static SalesCoach.Api.Tests.Coaching.CoachingClient;

namespace SalesCoach.Api.Tests.Privacy;

/// <summary>What a data subject leaves behind, made through the API as adapters make it.</summary>
internal static class Footprint
{
    public static object Call(string recordId, string repId, bool? consent = null) =>
        new { crm = "hubspot", recordType = "contact", recordId, repId, language = "en", channel = "call", consent };

    public static Task<string> ContentAsync(HttpClient admin) =>
        ContentBodies.CreateAsync(admin, ContentBodies.Item("Pricing sheet", "Plans and discounts for teams."));

    /// <summary>
    /// A whole call on <paramref name="recordId"/> in which <paramref name="word"/> is said: a price objection (so a tip,
    /// which the rep votes on), a content item opened during the call, and (when <paramref name="complete"/>) the summary
    /// and its write-back job.
    /// </summary>
    public static async Task<string> CallAsync(HttpClient client, string contentId, string recordId, string repId, string word, bool complete = true)
    {
        var id = await client.CreateInteractionAsync(Call(recordId, repId));
        var appended = await client.PostSegmentsAsync(id,
            Segment(1, "rep", $"Morning! How is the {word} rollout going?", 0, 4_000),
            Segment(2, "customer", $"Honestly the {word} plan is too expensive for us.", 5_000, 9_000));
        Assert.Equal(HttpStatusCode.OK, appended.StatusCode);
        var tip = (await appended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tips")[0].GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Accepted,
            (await client.PostAsJsonAsync($"/api/v1/interactions/{id}/tips/{tip}/events", new { type = "helpful", repId })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted,
            (await client.PostAsJsonAsync($"/api/v1/content/{contentId}/events", new { type = "open", interactionId = id, repId, recordId })).StatusCode);
        if (complete)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/interactions/{id}/complete", null)).StatusCode);
        }

        return id;
    }

    public static async Task<JsonElement> ExportAsync(HttpClient admin, object subject)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/privacy/export", subject);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    public static async Task<JsonElement> EraseAsync(HttpClient admin, object subject)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/privacy/erasure", subject);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The export without what differs between two exports of the same data (its id and time).</summary>
    public static string Content(JsonElement export)
    {
        var copy = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(export.GetRawText())!;
        copy.Remove("exportId");
        copy.Remove("exportedAt");
        return JsonSerializer.Serialize(copy);
    }

    /// <summary>Waits until the write-back worker has finished with the interaction's job (no CRM is connected: skipped).</summary>
    public static async Task SettledAsync(HttpClient client, string id)
    {
        for (var i = 0; i < 200; i++)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/api/v1/interactions/{id}/writeback");
            if (job.GetProperty("status").GetString() != "pending")
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"The write-back of {id} did not finish.");
    }
}
