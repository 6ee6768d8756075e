using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesCoach.Api.Coaching.WriteBack;
using SalesCoach.Api.Tests.Coaching;
using SalesCoach.Crm.Dataverse;
using SalesCoach.Crm.Tests.Dataverse;
using SalesCoach.Crm.Tests.Fakes;
using SalesCoach.Crm.WriteBack;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Tenants;
using SalesCoach.TestSupport;
using static SalesCoach.Api.Tests.Coaching.CoachingClient;

namespace SalesCoach.Api.Tests.Privacy;

/// <summary>
/// <c>POST /api/v1/privacy/erasure</c> with <c>includeCrmNotes</c>, through the real host, its write-back and the real CRM
/// clients against the three CRM fakes on 127.0.0.1, on both stores. The rep has had a call in each CRM, each summarised
/// into a note there.
/// </summary>
public sealed class ErasureCrmNotesTests : IAsyncLifetime
{
    private const string RepUser = "005000000000001AAA";
    private const string ColleagueUser = "005000000000002AAA";
    private const string Rep = $"{SummaryMapping.SalesforceRepPrefix}{RepUser}";
    private const string Colleague = $"{SummaryMapping.SalesforceRepPrefix}{ColleagueUser}";
    private const string SalesforceOrg = "00D5e0000001TESTAA";
    private const string EntraTenant = "5f0c3c2e-8a57-4b52-9b53-2d5c3f1c7a10";
    private const string HubSpotPortal = "4242";

    private readonly FakeSalesforce _salesforce = new();
    private readonly FakeDataverse _dataverse = new();
    private readonly FakeHubSpot _hubspot = new();

    public async ValueTask InitializeAsync() => await Task.WhenAll(_salesforce.StartAsync(), _dataverse.StartAsync(), _hubspot.StartAsync());

    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(_salesforce.DisposeAsync().AsTask(), _dataverse.DisposeAsync().AsTask(), _hubspot.DisposeAsync().AsTask());

    [Theory, ClassData(typeof(BothStores))]
    public async Task Erase_RepWithCrmNotes_DeletesTheirNoteInEachCrmOnlyAndReportsAndAuditsEach(StorageProvider provider)
    {
        await using var host = await StartAsync(provider);
        var (tenantId, admin) = await ConnectedTenantAsync(host);
        var notes = await CallInEachCrmAsync(admin);
        var colleagues = await CallAsync(admin, "salesforce", "Contact", _salesforce.Add("Contact", new JsonObject { ["LastName"] = "Okafor" }), Colleague);

        var answer = await EraseAsync(admin, new { repId = Rep, includeCrmNotes = true });

        Assert.Equal(3, answer.GetProperty("erased").GetProperty("interactions").GetInt64());
        var reported = answer.GetProperty("crmNotes").EnumerateArray().ToList();
        Assert.Equal(notes.OrderBy(n => n.Key).Select(n => (n.Key, n.Value.NoteId, "deleted")),
            reported.Select(r => (Text(r, "crm"), Text(r, "noteId"), Text(r, "outcome"))).OrderBy(r => r.Item1));
        Assert.All(reported, r => Assert.False(r.TryGetProperty("error", out _)));
        Assert.All(reported, r => Assert.Equal(notes[Text(r, "crm")].RecordId, Text(r, "recordId")));
        Assert.Equal([colleagues.NoteId], _salesforce.Records["Task"].Keys);
        Assert.True(_salesforce.RecycleBin["Task"].ContainsKey(notes["salesforce"].NoteId));
        Assert.Empty(_hubspot.Objects["notes"]);
        Assert.True(_hubspot.Archived["notes"].ContainsKey(notes["hubspot"].NoteId));
        Assert.Empty(_dataverse.Rows["annotations"]);
        // The rep's own token deleted the Salesforce Task, as it wrote it.
        Assert.Equal($"Bearer {_salesforce.AccessToken}",
            Assert.Single(_salesforce.Requests, r => r.Method == "DELETE").Authorization);
        var audit = await host.AuditAsync(admin);
        Assert.Contains(audit, e => e.Action == "privacy.crm_notes_deleted"
            && e.Detail == $"erasure={Text(answer, "erasureId")} deleted=3 notFound=0 failed=0");
        Assert.Equal(1, await host.CountAsync("coaching_writebacks", tenantId));
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task Erase_WithoutTheFlag_LeavesTheCrmNotesAndAnswersAsBefore(StorageProvider provider)
    {
        await using var host = await StartAsync(provider);
        var (_, admin) = await ConnectedTenantAsync(host);
        await CallInEachCrmAsync(admin);

        var answer = await EraseAsync(admin, new { repId = Rep });

        Assert.Equal(3, answer.GetProperty("erased").GetProperty("interactions").GetInt64());
        Assert.Equal(["erasureId", "erased"], answer.EnumerateObject().Select(p => p.Name));
        Assert.Single(_salesforce.Records["Task"]);
        Assert.Single(_hubspot.Objects["notes"]);
        Assert.Single(_dataverse.Rows["annotations"]);
        Assert.DoesNotContain(_salesforce.Requests.Concat(_hubspot.Requests).Concat(_dataverse.Requests), r => r.Method == "DELETE");
        Assert.DoesNotContain(await host.AuditAsync(admin), e => e.Action == "privacy.crm_notes_deleted");
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task Erase_OneNoteAlreadyGoneOneRefused_ReportsEachOutcomeAndOurCopyIsErasedAnyway(StorageProvider provider)
    {
        await using var host = await StartAsync(provider);
        var (tenantId, admin) = await ConnectedTenantAsync(host);
        var notes = await CallInEachCrmAsync(admin);
        // Someone deleted the Task in Salesforce already (it sits in the Recycle Bin); the portal's admin rotated the
        // HubSpot token we hold.
        var task = notes["salesforce"].NoteId;
        Assert.True(_salesforce.Records["Task"].TryRemove(task, out var deletedByHand));
        _salesforce.RecycleBin.GetOrAdd("Task", _ => new())[task] = deletedByHand;
        _hubspot.AccessToken = "rotated-by-the-portal-admin";

        var answer = await EraseAsync(admin, new { repId = Rep, includeCrmNotes = true });

        var reported = answer.GetProperty("crmNotes").EnumerateArray().ToDictionary(r => Text(r, "crm"));
        Assert.Equal("notFound", Text(reported["salesforce"], "outcome"));
        Assert.Equal("deleted", Text(reported["dynamics"], "outcome"));
        Assert.Equal("failed", Text(reported["hubspot"], "outcome"));
        Assert.StartsWith("SessionExpired", Text(reported["hubspot"], "error"), StringComparison.Ordinal);
        Assert.Equal(notes["hubspot"].NoteId, Text(reported["hubspot"], "noteId"));
        Assert.Single(_hubspot.Objects["notes"]);
        Assert.Equal(0, await host.CountAsync("coaching_interactions", tenantId));
        Assert.Contains(await host.AuditAsync(admin), e => e.Action == "privacy.crm_notes_deleted"
            && e.Detail!.EndsWith("deleted=1 notFound=1 failed=1", StringComparison.Ordinal));
    }

    private Task<PrivacyHost> StartAsync(StorageProvider provider) => PrivacyHost.StartAsync(provider, new Dictionary<string, string?>
    {
        // The fakes speak plain http on loopback, which the instance guards allow only when listed.
        ["Crm:Salesforce:AllowedInstanceHosts:0"] = "127.0.0.1",
        ["Crm:Dataverse:AllowedInstanceHosts:0"] = "127.0.0.1",
        ["Crm:Dataverse:Enabled"] = "true",
        ["Crm:Dataverse:ClientId"] = "00000000-0000-0000-0000-0000000000c1",
        ["Crm:Dataverse:ClientSecret"] = "not-used-the-token-source-is-replaced",
        ["Crm:HubSpot:BaseUrl"] = _hubspot.BaseUri.ToString(),
        // The host's clock stands still: no retry may wait on it.
        ["Crm:Salesforce:Resilience:MaxRetryAttempts"] = "0",
        ["Crm:Dataverse:Resilience:MaxRetryAttempts"] = "0",
        ["Crm:HubSpot:Resilience:MaxRetryAttempts"] = "0",
    }, services => services.AddSingleton<IAccessTokenSource>(new FakeTokenSource(_dataverse.AccessToken)));

    private async Task<(string TenantId, HttpClient Admin)> ConnectedTenantAsync(PrivacyHost host)
    {
        var (tenantId, admin) = await host.NewTenantAsync();
        var connections = host.Services.GetRequiredService<CrmConnectionStore>();
        Assert.Equal(ConnectResult.Connected, await connections.ConnectAsync(tenantId, CrmKinds.Salesforce, SalesforceOrg, null, _salesforce.BaseUri.ToString()));
        Assert.Equal(ConnectResult.Connected, await connections.ConnectAsync(tenantId, CrmKinds.Dynamics, EntraTenant, null, _dataverse.BaseUri.ToString()));
        Assert.Equal(ConnectResult.Connected, await connections.ConnectAsync(tenantId, CrmKinds.HubSpot, HubSpotPortal, null, null));
        var tokens = host.Services.GetRequiredService<CrmTokenStore>();
        foreach (var user in new[] { RepUser, ColleagueUser })
        {
            await tokens.SaveAsync(tenantId, CrmKinds.Salesforce, user, _salesforce.AccessToken, null, default);
        }

        await tokens.SaveAsync(tenantId, CrmKinds.HubSpot, null, _hubspot.AccessToken, null, default);
        return (tenantId, admin);
    }

    /// <summary>One summarised call of the rep on a contact in each CRM: CRM -> (record id, note id).</summary>
    private async Task<Dictionary<string, (string RecordId, string NoteId)>> CallInEachCrmAsync(HttpClient admin) => new()
    {
        ["salesforce"] = await CallAsync(admin, "salesforce", "Contact", _salesforce.Add("Contact", new JsonObject { ["LastName"] = "Ruiz" }), Rep),
        ["dynamics"] = await CallAsync(admin, "dynamics", "contact", _dataverse.Add("contacts", new JsonObject { ["lastname"] = "Ruiz" }).ToString(), Rep),
        ["hubspot"] = await CallAsync(admin, "hubspot", "contacts", _hubspot.Add("contacts", new JsonObject { ["email"] = "ana@example.com" }), Rep),
    };

    private static async Task<(string RecordId, string NoteId)> CallAsync(HttpClient admin, string crm, string recordType, string recordId, string repId)
    {
        var id = await admin.CreateInteractionAsync(new { crm, recordType, recordId, repId, language = "en", channel = "call" });
        Assert.Equal(HttpStatusCode.OK, (await admin.PostSegmentsAsync(id, Segment(1, "rep", "Let's book the demo for Thursday.", 0, 4_000))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/interactions/{id}/complete", null)).StatusCode);
        var job = await WriteBackTests.WaitForAsync(admin, id, WriteBackStatus.Written);
        return (recordId, Text(job, "noteId"));
    }

    private static async Task<JsonElement> EraseAsync(HttpClient admin, object request)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/privacy/erasure", request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Text(JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
