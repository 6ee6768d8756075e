using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SalesCoach.Api.Tests.Coaching;
using SalesCoach.Api.Tests.Infrastructure;
using SalesCoach.Storage.Database;
using SalesCoach.TestSupport;
using static SalesCoach.Api.Tests.Coaching.CoachingClient;

namespace SalesCoach.Api.Tests.Privacy;

/// <summary>Consent per interaction and the tenant's "consent required" setting, through the real host on both stores.</summary>
public class ConsentTests
{
    private static readonly object[] Conversation =
    [
        Segment(1, "rep", "Thanks for joining, shall we start?", 0, 3_000),
        Segment(2, "customer", "Sure, but it looks too expensive.", 4_000, 7_000),
    ];

    [Theory, ClassData(typeof(BothStores))]
    public async Task Append_ConsentRequiredAndNoneRecorded_RefusedWithAProblemAndNothingStored_UntilConsentIsGiven(StorageProvider provider)
    {
        await using var host = await PrivacyHost.StartAsync(provider);
        var (tenantId, admin) = await host.NewTenantAsync();
        await RequireConsentAsync(admin);
        var id = await admin.CreateInteractionAsync(Footprint.Call("contact-1", "rep-1"));
        await using var stream = await SseReader.OpenAsync(admin, id);

        var refused = await admin.PostSegmentsAsync(id, Conversation);

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Equal("Consent required", problem.GetProperty("title").GetString());
        Assert.Equal("urn:salescoach:problem:consent-required", problem.GetProperty("type").GetString());
        Assert.Contains($"/api/v1/interactions/{id}/consent", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(host, tenantId);

        var recorded = await admin.PutAsJsonAsync($"/api/v1/interactions/{id}/consent", new { consent = true });
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        var consent = await recorded.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(consent.GetProperty("consent").GetBoolean());
        Assert.Equal(PrivacyHost.Start, consent.GetProperty("consentAt").GetDateTimeOffset());

        var accepted = await admin.PostSegmentsAsync(id, Conversation);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(2, await host.CountAsync("coaching_segments", tenantId));
        // The stream carries the consent change (so every open panel learns it), then the accepted append's tip and metrics.
        var events = await stream.ReadAsync(3);
        Assert.Equal(["consent", "tip", "metrics"], events.Select(e => e.EventType));
        Assert.Equal(["1", "2", "3"], events.Select(e => e.EventId));
        var changed = JsonDocument.Parse(events[0].Data).RootElement;
        Assert.True(changed.GetProperty("consent").GetBoolean());
        Assert.Equal(PrivacyHost.Start, changed.GetProperty("consentAt").GetDateTimeOffset());
        var interaction = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/interactions/{id}");
        Assert.True(interaction.GetProperty("consent").GetBoolean());
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task Append_CustomerRefused_RefusedEvenWhereConsentIsNotRequired(StorageProvider provider)
    {
        await using var host = await PrivacyHost.StartAsync(provider);
        var (tenantId, admin) = await host.NewTenantAsync();
        var id = await admin.CreateInteractionAsync(Footprint.Call("contact-1", "rep-1", consent: false));

        var refused = await admin.PostSegmentsAsync(id, Conversation);

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Equal("Consent refused", problem.GetProperty("title").GetString());
        Assert.Equal("urn:salescoach:problem:consent-refused", problem.GetProperty("type").GetString());
        await AssertNothingStoredAsync(host, tenantId);
        Assert.False((await admin.GetFromJsonAsync<JsonElement>($"/api/v1/interactions/{id}")).GetProperty("consent").GetBoolean());
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task Append_NoConsentFieldAndTheDefaultSettings_WorksAsBefore(StorageProvider provider)
    {
        await using var host = await PrivacyHost.StartAsync(provider);
        var (tenantId, admin) = await host.NewTenantAsync();
        // What the adapters, the sandbox and the replay CLI send: no consent field.
        var id = await admin.CreateInteractionAsync(new { crm = "hubspot", recordType = "deal", recordId = "42", repId = "rep-1", language = "en", channel = "call" });

        Assert.Equal(HttpStatusCode.OK, (await admin.PostSegmentsAsync(id, Conversation)).StatusCode);

        Assert.Equal(2, await host.CountAsync("coaching_segments", tenantId));
        var interaction = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/interactions/{id}");
        Assert.Equal(JsonValueKind.Null, interaction.GetProperty("consent").ValueKind);
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task RecordConsent_WithdrawnDuringTheCall_LaterSegmentsRefusedEarlierOnesKept(StorageProvider provider)
    {
        await using var host = await PrivacyHost.StartAsync(provider);
        var (tenantId, admin) = await host.NewTenantAsync();
        var id = await admin.CreateInteractionAsync(Footprint.Call("contact-1", "rep-1", consent: true));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostSegmentsAsync(id, Conversation[0])).StatusCode);
        var eventsBefore = await host.CountAsync("coaching_events", tenantId);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/interactions/{id}/consent", new { consent = false })).StatusCode);
        var refused = await admin.PostSegmentsAsync(id, Conversation[1]);

        Assert.Equal("Consent refused", (await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict)).GetProperty("title").GetString());
        Assert.Equal(1, await host.CountAsync("coaching_segments", tenantId));
        // The withdrawal is the one event since; the refused append wrote none.
        Assert.Equal(eventsBefore + 1, await host.CountAsync("coaching_events", tenantId));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/interactions/{id}/complete", null)).StatusCode);
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task RecordConsent_PanelReconnectingWithLastEventId_SeesTheWithdrawalInOrder(StorageProvider provider)
    {
        await using var host = await PrivacyHost.StartAsync(provider);
        var (_, admin) = await host.NewTenantAsync();
        var id = await admin.CreateInteractionAsync(Footprint.Call("contact-1", "rep-1", consent: true));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostSegmentsAsync(id, Conversation[1])).StatusCode);
        List<string> seen;
        await using (var first = await SseReader.OpenAsync(admin, id))
        {
            seen = (await first.ReadAsync(2)).Select(e => e.EventId!).ToList();
        }

        // Withdrawn while the panel was away (another screen, a telephony integration), then given again.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/interactions/{id}/consent", new { consent = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/interactions/{id}/consent", new { consent = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostSegmentsAsync(id, Segment(3, "customer", "Who else uses it, is it secure?", 8_000, 10_000))).StatusCode);

        await using var resumed = await SseReader.OpenAsync(admin, id, long.Parse(seen[^1], System.Globalization.CultureInfo.InvariantCulture));
        var events = await resumed.ReadAsync(3);
        Assert.Equal(["consent", "consent"], events.Take(2).Select(e => e.EventType));
        Assert.Equal([false, true], events.Take(2).Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("consent").GetBoolean()));
        Assert.Equal(Enumerable.Range(seen.Count + 1, 3).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), events.Select(e => e.EventId));
        Assert.NotEqual("consent", events[2].EventType);
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task RecordConsent_CompletedUnknownOrOtherTenantsOrInvalid_AnswersProblem(StorageProvider provider)
    {
        await using var host = await PrivacyHost.StartAsync(provider);
        var (_, admin) = await host.NewTenantAsync();
        var (_, other) = await host.NewTenantAsync("Other");
        var completed = await admin.CreateInteractionAsync(Footprint.Call("contact-1", "rep-1"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/interactions/{completed}/complete", null)).StatusCode);
        var live = await admin.CreateInteractionAsync(Footprint.Call("contact-1", "rep-1"));

        var ended = await ProblemAssert.IsProblemAsync(
            await admin.PutAsJsonAsync($"/api/v1/interactions/{completed}/consent", new { consent = true }), HttpStatusCode.Conflict);
        Assert.Equal("urn:salescoach:problem:interaction-completed", ended.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("/api/v1/interactions/nope/consent", new { consent = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"/api/v1/interactions/{live}/consent", new { consent = true })).StatusCode);
        await ProblemAssert.IsProblemAsync(await admin.PutAsJsonAsync($"/api/v1/interactions/{live}/consent", new { }), HttpStatusCode.BadRequest);
        Assert.Equal(JsonValueKind.Null, (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/interactions/{live}")).GetProperty("consent").ValueKind);
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task Interaction_ARepsCreateAndRead_SayWhetherTheTenantRequiresConsent(StorageProvider provider)
    {
        await using var host = await PrivacyHost.StartAsync(provider);
        var (tenantId, admin) = await host.NewTenantAsync();
        var (_, otherAdmin) = await host.NewTenantAsync("Other");
        using var rep = await host.RepClientAsync(tenantId);
        // A rep's key may not read the privacy settings; the adapter learns the one it needs from the interaction.
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.GetAsync("/api/v1/privacy/settings")).StatusCode);

        var before = await CreateAsync(rep);
        Assert.False(before.GetProperty("consentRequired").GetBoolean());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("consent").ValueKind);
        await RequireConsentAsync(admin);
        var after = await CreateAsync(rep);
        var read = await rep.GetFromJsonAsync<JsonElement>($"/api/v1/interactions/{before.GetProperty("id").GetString()}");
        var otherTenants = await CreateAsync(otherAdmin);

        Assert.True(after.GetProperty("consentRequired").GetBoolean());
        Assert.True(read.GetProperty("consentRequired").GetBoolean());
        Assert.False(otherTenants.GetProperty("consentRequired").GetBoolean());
        var given = await CreateAsync(rep, consent: true);
        Assert.True(given.GetProperty("consent").GetBoolean());
        Assert.True(given.GetProperty("consentRequired").GetBoolean());
    }

    private static async Task<JsonElement> CreateAsync(HttpClient client, bool? consent = null)
    {
        var created = await client.PostAsJsonAsync("/api/v1/interactions",
            new { crm = "dynamics", recordType = "opportunity", recordId = "7d2f", repId = "rep-1", language = "en", channel = "call", consent });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await created.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task RequireConsentAsync(HttpClient admin)
    {
        var saved = await admin.PutAsJsonAsync("/api/v1/privacy/settings", new { consentRequired = true, retentionDays = 365 });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    private static async Task AssertNothingStoredAsync(PrivacyHost host, string tenantId)
    {
        foreach (var table in new[] { "coaching_segments", "coaching_tips", "coaching_events" })
        {
            Assert.Equal(0, await host.CountAsync(table, tenantId));
        }
    }
}
