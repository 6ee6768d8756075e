using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SalesCoach.Api.Tests.Infrastructure;
using SalesCoach.Storage.Database;
using SalesCoach.TestSupport;

namespace SalesCoach.Api.Tests.Privacy;

/// <summary><c>POST /api/v1/privacy/export</c> through the real host, on both stores.</summary>
public class SubjectExportTests
{
    [Theory, ClassData(typeof(BothStores))]
    public async Task Export_Record_HoldsEverythingAboutItInClear_AndNothingOfOthers(StorageProvider provider)
    {
        await using var host = await PrivacyHost.StartAsync(provider);
        var (_, admin) = await host.NewTenantAsync();
        var (_, otherAdmin) = await host.NewTenantAsync("Other");
        var content = await Footprint.ContentAsync(admin);
        var completed = await Footprint.CallAsync(admin, content, "contact-1", "rep-1", "Zanzibar");
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        var live = await Footprint.CallAsync(admin, content, "contact-1", "rep-2", "Quetzal", complete: false);
        await Footprint.CallAsync(admin, content, "contact-2", "rep-1", "Okapi");
        await Footprint.CallAsync(otherAdmin, await Footprint.ContentAsync(otherAdmin), "contact-1", "rep-1", "Narwhal");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/api/v1/analytics/deals", new { recordId = "contact-1", outcome = "lost" })).StatusCode);
        await Footprint.SettledAsync(admin, completed);

        var response = await admin.PostAsJsonAsync("/api/v1/privacy/export", new { recordId = "contact-1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var exportId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("exportId").GetString();
        Assert.Equal($"subject-export-{exportId}.json", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var export = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var text = export.GetRawText();
        Assert.Equal("contact-1", export.GetProperty("subject").GetProperty("recordId").GetString());
        // Oldest first.
        Assert.Equal([completed, live], export.GetProperty("interactions").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.DoesNotContain("Okapi", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Narwhal", text, StringComparison.Ordinal);

        var first = export.GetProperty("interactions")[0];
        Assert.Equal("completed", first.GetProperty("status").GetString());
        Assert.Equal("Honestly the Zanzibar plan is too expensive for us.", first.GetProperty("segments")[1].GetProperty("text").GetString());
        Assert.Equal("objection_price", first.GetProperty("segments")[1].GetProperty("signals")[0].GetProperty("label").GetString());
        Assert.Equal("objection_price", first.GetProperty("tips")[0].GetProperty("kind").GetString());
        Assert.Contains(first.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "metrics");
        Assert.Contains("Zanzibar", first.GetProperty("summary").GetRawText(), StringComparison.Ordinal);
        Assert.Equal("helpful", first.GetProperty("tipFeedback")[0].GetProperty("type").GetString());
        Assert.Equal(content, first.GetProperty("contentEvents")[0].GetProperty("contentId").GetString());
        Assert.Equal("skipped", first.GetProperty("writeBack").GetProperty("status").GetString());

        var second = export.GetProperty("interactions")[1];
        Assert.Equal("live", second.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("summary").ValueKind);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("writeBack").ValueKind);
        Assert.Contains("Quetzal", second.GetProperty("segments").GetRawText(), StringComparison.Ordinal);

        Assert.Equal(2, export.GetProperty("engagementEvents").GetArrayLength());
        Assert.Equal("lost", export.GetProperty("dealOutcomes")[0].GetProperty("outcome").GetString());
        Assert.Equal(0, export.GetProperty("otherTipFeedback").GetArrayLength());

        var audit = Assert.Single(await host.AuditAsync(admin), e => e.Action == "privacy.subject_exported");
        Assert.Equal($"export={exportId} subject=record", audit.Detail);
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task Export_UnknownSubject_EmptyDocument(StorageProvider provider)
    {
        await using var host = await PrivacyHost.StartAsync(provider);
        var (_, admin) = await host.NewTenantAsync();

        var export = await Footprint.ExportAsync(admin, new { repId = "nobody" });

        Assert.Equal("nobody", export.GetProperty("subject").GetProperty("repId").GetString());
        foreach (var list in new[] { "interactions", "engagementEvents", "dealOutcomes", "otherTipFeedback", "otherContentEvents" })
        {
            Assert.Equal(0, export.GetProperty(list).GetArrayLength());
        }
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task ExportAndErase_NoneOrBothOrTooLongIds_ValidationProblem(StorageProvider provider)
    {
        await using var host = await PrivacyHost.StartAsync(provider);
        var (tenantId, admin) = await host.NewTenantAsync();
        var content = await Footprint.ContentAsync(admin);
        await Footprint.CallAsync(admin, content, "contact-1", "rep-1", "Zanzibar");

        foreach (var path in new[] { "/api/v1/privacy/export", "/api/v1/privacy/erasure" })
        {
            foreach (var body in new object[] { new { }, new { recordId = " " }, new { recordId = "contact-1", repId = "rep-1" }, new { recordId = new string('x', 201) } })
            {
                await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync(path, body), HttpStatusCode.BadRequest);
            }
        }

        Assert.Equal(1, await host.CountAsync("coaching_interactions", tenantId));
        Assert.DoesNotContain(await host.AuditAsync(admin), e => e.Action.StartsWith("privacy.", StringComparison.Ordinal));
    }
}
