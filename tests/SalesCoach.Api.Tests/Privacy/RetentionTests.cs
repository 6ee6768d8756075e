using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SalesCoach.Storage.Database;
using SalesCoach.TestSupport;
using static SalesCoach.Api.Tests.Coaching.CoachingClient;

namespace SalesCoach.Api.Tests.Privacy;

/// <summary>Retention: interactions age on the host's clock, and passes (on demand, or by the service) purge what is past it.</summary>
public class RetentionTests
{
    [Theory, ClassData(typeof(BothStores))]
    public async Task RunRetention_PurgesEndedAndAbandoned_SparesRecentAndInProgress(StorageProvider provider)
    {
        await using var host = await PrivacyHost.StartAsync(provider);
        var (tenantId, admin) = await host.NewTenantAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/privacy/settings", new { consentRequired = false, retentionDays = 30 })).StatusCode);
        var content = await Footprint.ContentAsync(admin);
        var ended = await Footprint.CallAsync(admin, content, "contact-1", "rep-1", "Zanzibar");
        var abandoned = await Footprint.CallAsync(admin, content, "contact-2", "rep-1", "Quetzal", complete: false);
        var longRunning = await Footprint.CallAsync(admin, content, "contact-3", "rep-1", "Okapi", complete: false);
        Assert.Equal(HttpStatusCode.Accepted,
            (await admin.PostAsJsonAsync($"/api/v1/content/{content}/events", new { type = "impression", repId = "rep-1", recordId = "contact-9" })).StatusCode);
        await Footprint.SettledAsync(admin, ended);

        host.Clock.Advance(TimeSpan.FromDays(31));
        var recent = await Footprint.CallAsync(admin, content, "contact-4", "rep-1", "Narwhal");
        var inProgress = await Footprint.CallAsync(admin, content, "contact-5", "rep-1", "Axolotl", complete: false);
        // Created before the cutoff but still receiving segments: in progress, not abandoned.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostSegmentsAsync(longRunning, Segment(3, "rep", "Still with me?", 10_000, 12_000))).StatusCode);
        var segmentsKept = 2 + 2 + 3;

        var response = await admin.PostAsync("/api/v1/privacy/retention/run", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var run = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(30, run.GetProperty("retentionDays").GetInt32());
        Assert.Equal(host.Clock.Now - TimeSpan.FromDays(30), run.GetProperty("cutoff").GetDateTimeOffset());
        Assert.False(run.GetProperty("more").GetBoolean());
        var purged = run.GetProperty("purged");
        Assert.Equal(2, purged.GetProperty("interactions").GetInt64());
        Assert.Equal(4, purged.GetProperty("segments").GetInt64());
        Assert.Equal(1, purged.GetProperty("summaries").GetInt64());
        Assert.Equal(1, purged.GetProperty("writeBacks").GetInt64());
        // The two calls' content opens, and the impression of that day (it belongs to no interaction).
        Assert.Equal(3, purged.GetProperty("engagementEvents").GetInt64());

        foreach (var gone in new[] { ended, abandoned })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/interactions/{gone}")).StatusCode);
        }

        foreach (var kept in new[] { longRunning, recent, inProgress })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/interactions/{kept}")).StatusCode);
        }

        Assert.Equal(segmentsKept, await host.CountAsync("coaching_segments", tenantId));
        Assert.Equal(3, await host.CountAsync("content_events", tenantId));
        // The abandoned call's live state went with it: a late segment finds nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostSegmentsAsync(abandoned, Segment(9, "rep", "Hello?", 20_000, 21_000))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostSegmentsAsync(inProgress, Segment(9, "rep", "So, Thursday?", 20_000, 21_000))).StatusCode);
        var audit = Assert.Single(await host.AuditAsync(admin), e => e.Action == "privacy.retention_purged");
        Assert.StartsWith("retentionDays=30 cutoff=", audit.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("contact-", audit.Detail, StringComparison.Ordinal);

        var again = await (await admin.PostAsync("/api/v1/privacy/retention/run", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, again.GetProperty("purged").GetProperty("interactions").GetInt64());
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task RunRetention_MoreThanAPass_StopsAtItsBoundAndTheNextPassFinishes(StorageProvider provider)
    {
        await using var host = await PrivacyHost.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Privacy:Retention:BatchSize"] = "2",
            ["Privacy:Retention:MaxBatchesPerPass"] = "2",
        });
        var (tenantId, admin) = await host.NewTenantAsync();
        for (var i = 0; i < 5; i++)
        {
            var id = await admin.CreateInteractionAsync(Footprint.Call($"contact-{i}", "rep-1"));
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/interactions/{id}/complete", null)).StatusCode);
        }

        host.Clock.Advance(TimeSpan.FromDays(366));

        var first = await (await admin.PostAsync("/api/v1/privacy/retention/run", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4, first.GetProperty("purged").GetProperty("interactions").GetInt64());
        Assert.True(first.GetProperty("more").GetBoolean());
        Assert.Equal(1, await host.CountAsync("coaching_interactions", tenantId));

        var second = await (await admin.PostAsync("/api/v1/privacy/retention/run", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, second.GetProperty("purged").GetProperty("interactions").GetInt64());
        Assert.False(second.GetProperty("more").GetBoolean());
        Assert.Equal(0, await host.CountAsync("coaching_interactions", tenantId));
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task RetentionService_PurgesTenantsOnTheDefaultPeriod_LeavesTenantsWithRetentionOff(StorageProvider provider)
    {
        await using var host = await PrivacyHost.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Privacy:Retention:Enabled"] = "true",
            ["Privacy:Retention:FirstRunDelay"] = "00:00:00",
            ["Privacy:Retention:Interval"] = "00:00:00.200",
        });
        var (tenantId, admin) = await host.NewTenantAsync();
        var (keepingId, keeping) = await host.NewTenantAsync("Keeps everything");
        Assert.Equal(HttpStatusCode.OK, (await keeping.PutAsJsonAsync("/api/v1/privacy/settings", new { consentRequired = false, retentionDays = (int?)null })).StatusCode);
        foreach (var client in new[] { admin, keeping })
        {
            var id = await client.CreateInteractionAsync(Footprint.Call("contact-1", "rep-1"));
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/interactions/{id}/complete", null)).StatusCode);
        }

        host.Clock.Advance(TimeSpan.FromDays(366));
        var recent = await admin.CreateInteractionAsync(Footprint.Call("contact-2", "rep-1"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/interactions/{recent}/complete", null)).StatusCode);

        var watch = Stopwatch.StartNew();
        while (await host.CountAsync("coaching_interactions", tenantId) > 1)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "The retention service did not purge the year-old interaction.");
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/interactions/{recent}")).StatusCode);
        // A few more passes: the tenant with retention off keeps its year-old call.
        await Task.Delay(600);
        Assert.Equal(1, await host.CountAsync("coaching_interactions", keepingId));
        Assert.Contains(await host.AuditAsync(admin), e => e.Action == "privacy.retention_purged");
    }
}
