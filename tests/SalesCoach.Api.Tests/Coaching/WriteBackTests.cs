using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SalesCoach.Api.Coaching.WriteBack;
using SalesCoach.Api.Tests.Surfaces;
using SalesCoach.Crm.Tests.Fakes;
using SalesCoach.Crm.WriteBack;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Tenants;
using static SalesCoach.Api.Tests.Coaching.CoachingClient;

namespace SalesCoach.Api.Tests.Coaching;

/// <summary>After-call write-back through the real host to a fake Salesforce on 127.0.0.1.</summary>
public class WriteBackTests
{
    internal const string OrgId = "00D5e0000001TESTAA";
    internal const string UserId = "005000000000001AAA";
    internal const string RecordId = "006000000000001AAA";
    private const string ConsumerSecret = "writeback-test-consumer-secret-0123";
    private const string NextStep = "Let's do a demo on Thursday with your ops lead.";

    private static readonly object SalesforceCall = new
    {
        crm = "salesforce", recordType = "Opportunity", recordId = RecordId, repId = $"salesforce:{UserId}", language = "en", channel = "call",
    };

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Complete_CanvasRepOnSalesforceRecord_WritesOneTaskWithTheSummaryAndARetryDoesNotDuplicate(StorageProvider provider)
    {
        await using var salesforce = new FakeSalesforce { AccessToken = "00D!canvas-user-token" };
        await salesforce.StartAsync();
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider, settings: Settings());
        await using var _ = store;
        await using var __ = factory;
        var (tenantId, _) = await factory.NewTenantClientAsync();
        await ConnectAsync(factory, tenantId, salesforce);
        using var anonymous = factory.CreateClient();
        // The rep opens the canvas app: its signed request carries the user's token, which the host keeps for the write-back.
        var page = await SalesforceCanvasTests.PostCanvasAsync(anonymous,
            SalesforceCanvasTests.Sign(SalesforceCanvasTests.Envelope(OrgId, salesforce.AccessToken), ConsumerSecret));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var rep = factory.CreateClient();
        rep.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", SalesforceCanvasTests.Config(await page.Content.ReadAsStringAsync()).GetProperty("sessionToken").GetString());

        var id = await rep.CreateInteractionAsync(new
        {
            crm = "salesforce", recordType = "Opportunity", recordId = RecordId, repId = "whatever-the-page-says", language = "en", channel = "call",
        });
        await rep.PostSegmentsAsync(id, Segment(1, "rep", "How is the quarter going?", 0, 5_000), Segment(2, "rep", NextStep, 6_000, 10_000));
        Assert.Equal(HttpStatusCode.OK, (await rep.PostAsync($"/api/v1/interactions/{id}/complete", null)).StatusCode);
        var written = await WaitForAsync(rep, id, WriteBackStatus.Written);

        var task = Assert.Single(salesforce.Records["Task"].Values);
        Assert.Equal(RecordId, (string?)task["WhatId"]);
        Assert.Contains($"[SalesCoach {id}]", (string?)task["Subject"]);
        Assert.Contains(NextStep, (string?)task["Description"]);
        Assert.Equal((string?)task["Id"], written.GetProperty("noteId").GetString());
        Assert.All(salesforce.Requests, r => Assert.Equal($"Bearer {salesforce.AccessToken}", r.Authorization));

        Assert.Equal(HttpStatusCode.OK, (await rep.PostAsync($"/api/v1/interactions/{id}/complete", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await rep.PostAsync($"/api/v1/interactions/{id}/writeback", null)).StatusCode);
        await WaitForAsync(rep, id, WriteBackStatus.Written);
        Assert.Single(salesforce.Records["Task"]);
        Assert.Equal(1, salesforce.Count("POST", $"/services/data/{FakeSalesforce.Version}/sobjects/Task"));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Complete_FrenchRep_WritesTheTaskInFrench(StorageProvider provider)
    {
        await using var salesforce = new FakeSalesforce { AccessToken = "00D!canvas-user-token" };
        await salesforce.StartAsync();
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider, settings: Settings());
        await using var _ = store;
        await using var __ = factory;
        var (tenantId, admin) = await factory.NewTenantClientAsync();
        await ConnectAsync(factory, tenantId, salesforce);
        using var anonymous = factory.CreateClient();
        var page = await SalesforceCanvasTests.PostCanvasAsync(anonymous,
            SalesforceCanvasTests.Sign(SalesforceCanvasTests.Envelope(OrgId, salesforce.AccessToken), ConsumerSecret));
        using var rep = factory.CreateClient();
        rep.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", SalesforceCanvasTests.Config(await page.Content.ReadAsStringAsync()).GetProperty("sessionToken").GetString());

        var id = await rep.CreateInteractionAsync(new
        {
            crm = "salesforce", recordType = "Opportunity", recordId = RecordId, repId = "rep", language = "fr", channel = "call",
        });
        await rep.PostSegmentsAsync(id, Segment(1, "rep", "Comment se passe le trimestre ?", 0, 5_000), Segment(2, "customer", "Plutôt bien.", 6_000, 8_000));
        // The rep opened a case study during the call: the note names it by title and link, not by its id.
        var contentId = await SalesCoach.Api.Tests.Content.ContentBodies.CreateAsync(admin,
            new { title = "Étude de cas Lactalis", body = "ROI en cinq mois", url = "https://example.com/lactalis", type = "case_study", language = "fr" });
        Assert.Equal(HttpStatusCode.Accepted, (await rep.PostAsJsonAsync($"/api/v1/content/{contentId}/events", new { type = "open", interactionId = id })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rep.PostAsync($"/api/v1/interactions/{id}/complete", null)).StatusCode);
        await WaitForAsync(rep, id, WriteBackStatus.Written);

        var task = Assert.Single(salesforce.Records["Task"].Values);
        Assert.StartsWith("Synthèse de coaching de l'appel", (string?)task["Subject"], StringComparison.Ordinal);
        Assert.Contains("Prochaines étapes\n- Attention : aucune prochaine étape n'a été convenue.", (string?)task["Description"], StringComparison.Ordinal);
        Assert.Contains("- Durée : 0:08\n", (string?)task["Description"], StringComparison.Ordinal);
        Assert.Contains("Étude de cas Lactalis (https://example.com/lactalis)", (string?)task["Description"], StringComparison.Ordinal);
        Assert.DoesNotContain(contentId, (string?)task["Description"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Complete_NoCrmConnection_StatusSkipped(StorageProvider provider)
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider, settings: Settings());
        await using var _ = store;
        await using var __ = factory;
        var (_, client) = await factory.NewTenantClientAsync();
        var id = await CompletedAsync(client);

        var job = await WaitForAsync(client, id, WriteBackStatus.Skipped);

        Assert.Contains("no salesforce connection", job.GetProperty("lastError").GetString());
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Complete_SalesforceAnswers503ThenOk_WrittenOnTheSecondAttempt(StorageProvider provider)
    {
        await using var salesforce = new FakeSalesforce();
        await salesforce.StartAsync();
        salesforce.Faults.Enqueue(new Fault(503));
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider, settings: Settings());
        await using var _ = store;
        await using var __ = factory;
        var (tenantId, client) = await factory.NewTenantClientAsync();
        await ConnectAsync(factory, tenantId, salesforce);
        await factory.Services.GetRequiredService<CrmTokenStore>().SaveAsync(tenantId, CrmKinds.Salesforce, UserId, salesforce.AccessToken, null, default);

        var id = await CompletedAsync(client);
        var job = await WaitForAsync(client, id, WriteBackStatus.Written);

        Assert.Equal(2, job.GetProperty("attempts").GetInt32());
        Assert.Single(salesforce.Records["Task"]);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Complete_NoStoredSalesforceToken_FailedWithSessionReasonThenRetryWrites(StorageProvider provider)
    {
        await using var salesforce = new FakeSalesforce();
        await salesforce.StartAsync();
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider, settings: Settings());
        await using var _ = store;
        await using var __ = factory;
        var (tenantId, client) = await factory.NewTenantClientAsync();
        await ConnectAsync(factory, tenantId, salesforce);
        var id = await CompletedAsync(client);

        var failed = await WaitForAsync(client, id, WriteBackStatus.Failed);
        Assert.Contains("session", failed.GetProperty("lastError").GetString());
        Assert.Equal(WriteBackErrorCodes.SessionExpired, failed.GetProperty("errorCode").GetString());
        Assert.Empty(salesforce.Requests);

        await factory.Services.GetRequiredService<CrmTokenStore>().SaveAsync(tenantId, CrmKinds.Salesforce, UserId, salesforce.AccessToken, null, default);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/v1/interactions/{id}/writeback", null)).StatusCode);
        var written = await WaitForAsync(client, id, WriteBackStatus.Written);
        Assert.Single(salesforce.Records["Task"]);
        Assert.Equal(JsonValueKind.Null, written.GetProperty("errorCode").ValueKind);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Complete_RepSessionTimedOut_RenewedWithTheCanvasRefreshTokenAndWritten(StorageProvider provider)
    {
        // The connected app is the canvas app: its consumer secret (Salesforce:ConsumerSecret) also signs token answers.
        await using var salesforce = new FakeSalesforce { ConsumerSecret = ConsumerSecret, OrgId = OrgId };
        await salesforce.StartAsync();
        salesforce.RefreshTokens[SalesforceCanvasTests.RefreshToken] = UserId;
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider, settings: RefreshSettings(salesforce));
        await using var _ = store;
        await using var __ = factory;
        var (tenantId, client) = await factory.NewTenantClientAsync();
        await ConnectAsync(factory, tenantId, salesforce);
        // The rep opened the canvas app hours ago: its session has timed out since, its refresh token has not.
        using var anonymous = factory.CreateClient();
        var page = await SalesforceCanvasTests.PostCanvasAsync(anonymous,
            SalesforceCanvasTests.Sign(SalesforceCanvasTests.Envelope(OrgId, "00D!session-timed-out"), ConsumerSecret));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var id = await CompletedAsync(client);
        await WaitForAsync(client, id, WriteBackStatus.Written);

        Assert.Equal(1, salesforce.Count("POST", FakeSalesforce.TokenPath));
        Assert.Single(salesforce.Records["Task"]);
        var create = Assert.Single(salesforce.Requests, r => r.Method == "POST" && r.PathAndQuery.Contains("/sobjects/Task", StringComparison.Ordinal));
        Assert.Equal($"Bearer {salesforce.AccessToken}", create.Authorization);
        Assert.Equal(salesforce.AccessToken, await factory.Services.GetRequiredService<CrmTokenStore>().GetAsync(tenantId, CrmKinds.Salesforce, UserId, default));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Complete_RefreshTokenRevoked_FailedOnceWithWhatTheRepMustDo(StorageProvider provider)
    {
        await using var salesforce = new FakeSalesforce { ConsumerSecret = ConsumerSecret, OrgId = OrgId };
        await salesforce.StartAsync();
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider, settings: RefreshSettings(salesforce));
        await using var _ = store;
        await using var __ = factory;
        var (tenantId, client) = await factory.NewTenantClientAsync();
        await ConnectAsync(factory, tenantId, salesforce);
        await factory.Services.GetRequiredService<CrmTokenStore>().SaveAsync(
            tenantId, CrmKinds.Salesforce, UserId, "00D!session-timed-out", null, "5Aep861revoked-by-the-admin", default);

        var id = await CompletedAsync(client);
        var failed = await WaitForAsync(client, id, WriteBackStatus.Failed);
        await Task.Delay(300);

        Assert.Equal(1, failed.GetProperty("attempts").GetInt32());
        Assert.Equal(WriteBackErrorCodes.AuthorizationRevoked, failed.GetProperty("errorCode").GetString());
        Assert.Contains("invalid_grant", failed.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Contains("opens SalesCoach in salesforce again", failed.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, salesforce.Count("POST", FakeSalesforce.TokenPath));
        Assert.False(salesforce.Records.ContainsKey("Task"));
        Assert.Null(await factory.Services.GetRequiredService<CrmTokenStore>().GetEntryAsync(tenantId, CrmKinds.Salesforce, UserId, default));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task CanvasReopened_AfterTheRefreshTokenWasRevoked_WritesThatRepsFailedSummariesOnly(StorageProvider provider)
    {
        await using var salesforce = new FakeSalesforce { ConsumerSecret = ConsumerSecret, OrgId = OrgId };
        await salesforce.StartAsync();
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider, settings: RefreshSettings(salesforce));
        await using var _ = store;
        await using var __ = factory;
        var (tenantId, client) = await factory.NewTenantClientAsync();
        await ConnectAsync(factory, tenantId, salesforce);
        await factory.Services.GetRequiredService<CrmTokenStore>().SaveAsync(
            tenantId, CrmKinds.Salesforce, UserId, "00D!session-timed-out", null, "5Aep861revoked-by-the-admin", default);
        var revoked = await CompletedAsync(client);
        Assert.Equal(WriteBackErrorCodes.AuthorizationRevoked, (await WaitForAsync(client, revoked, WriteBackStatus.Failed)).GetProperty("errorCode").GetString());
        // Another rep's call, failed for want of that rep's session: reopening the app as the first rep must not touch it.
        var otherRep = await client.CreateInteractionAsync(new
        {
            crm = "salesforce", recordType = "Opportunity", recordId = RecordId, repId = "salesforce:005000000000002AAA", language = "en", channel = "call",
        });
        await client.PostSegmentsAsync(otherRep, Segment(1, "rep", NextStep, 0, 4_000));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/interactions/{otherRep}/complete", null)).StatusCode);
        await WaitForAsync(client, otherRep, WriteBackStatus.Failed);

        // The rep does what the canvas app told them: open SalesCoach again, which brings a fresh session.
        using var anonymous = factory.CreateClient();
        var page = await SalesforceCanvasTests.PostCanvasAsync(anonymous,
            SalesforceCanvasTests.Sign(SalesforceCanvasTests.Envelope(OrgId, salesforce.AccessToken), ConsumerSecret));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var written = await WaitForAsync(client, revoked, WriteBackStatus.Written);
        Assert.Equal(1, written.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, written.GetProperty("errorCode").ValueKind);
        Assert.Single(salesforce.Records["Task"]);
        var other = await client.GetFromJsonAsync<JsonElement>($"/api/v1/interactions/{otherRep}/writeback");
        Assert.Equal((WriteBackStatus.Failed, WriteBackErrorCodes.SessionExpired), (other.GetProperty("status").GetString(), other.GetProperty("errorCode").GetString()));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task WriteBack_OtherTenantOrUnknownOrLive_Answers404(StorageProvider provider)
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider, settings: Settings());
        await using var _ = store;
        await using var __ = factory;
        var (_, owner) = await factory.NewTenantClientAsync("Owner");
        var (_, other) = await factory.NewTenantClientAsync("Other");
        var id = await CompletedAsync(owner);
        await WaitForAsync(owner, id, WriteBackStatus.Skipped);
        var live = await owner.CreateInteractionAsync(SalesforceCall);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/interactions/{id}/writeback")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/interactions/{id}/writeback", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/api/v1/interactions/nope/writeback")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostAsync($"/api/v1/interactions/{live}/writeback", null)).StatusCode);
        // The other tenant's retry did not touch the owner's job.
        var job = await owner.GetFromJsonAsync<JsonElement>($"/api/v1/interactions/{id}/writeback");
        Assert.Equal(WriteBackStatus.Skipped, job.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Start_JobLeftPendingByTheLastHost_IsWrittenByTheNextOne(StorageProvider provider)
    {
        await using var salesforce = new FakeSalesforce();
        await salesforce.StartAsync();
        var (store, first) = await CoachingApiFactory.CreateAsync(provider, settings: Settings());
        await using var _ = store;
        string tenantId, id, apiKey;
        await using (first)
        {
            (tenantId, var client) = await first.NewTenantClientAsync();
            apiKey = client.DefaultRequestHeaders.Authorization!.Parameter!;
            id = await CompletedAsync(client);
            await WaitForAsync(client, id, WriteBackStatus.Skipped);
            await ConnectAsync(first, tenantId, salesforce);
            await first.Services.GetRequiredService<CrmTokenStore>().SaveAsync(tenantId, CrmKinds.Salesforce, UserId, salesforce.AccessToken, null, default);
            // As if the host stopped between queueing and writing: the row is pending and nothing wakes this host's worker.
            await using var connection = await store.Database.OpenAsync();
            await Dapper.SqlMapper.ExecuteAsync(connection,
                "UPDATE coaching_writebacks SET status = 'pending' WHERE tenant_id = @tenantId AND interaction_id = @id", new { tenantId, id });
        }

        Assert.Empty(salesforce.Requests);
        await using var second = new CoachingApiFactory(store, null, Settings());
        second.UseKestrel(0);
        second.StartServer();
        using var reader = second.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);

        await WaitForAsync(reader, id, WriteBackStatus.Written);
        Assert.Single(salesforce.Records["Task"]);
    }

    internal static Dictionary<string, string?> Settings() => new()
    {
        ["Salesforce:ConsumerSecret"] = ConsumerSecret,
        // The fake speaks plain http on loopback, which the instance guard allows only when listed.
        ["Crm:Salesforce:AllowedInstanceHosts:0"] = "127.0.0.1",
        // No HTTP-level retries, so a 503 reaches the write-back job and its own retry is what is tested.
        ["Crm:Salesforce:Resilience:MaxRetryAttempts"] = "0",
        ["Coaching:WriteBack:BaseDelay"] = "00:00:00.050",
    };

    private static Dictionary<string, string?> RefreshSettings(FakeSalesforce salesforce)
    {
        var settings = Settings();
        settings["Crm:Salesforce:ConsumerKey"] = salesforce.ConsumerKey;
        return settings;
    }

    internal static async Task ConnectAsync(CoachingApiFactory factory, string tenantId, FakeSalesforce salesforce) =>
        Assert.Equal(ConnectResult.Connected, await factory.Services.GetRequiredService<CrmConnectionStore>()
            .ConnectAsync(tenantId, CrmKinds.Salesforce, OrgId, null, salesforce.BaseUri.ToString()));

    internal static async Task<string> CompletedAsync(HttpClient client)
    {
        var id = await client.CreateInteractionAsync(SalesforceCall);
        await client.PostSegmentsAsync(id, Segment(1, "rep", NextStep, 0, 4_000));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/interactions/{id}/complete", null)).StatusCode);
        return id;
    }

    /// <summary>The job once it reaches <paramref name="status"/>; fails with the last state seen after 20 s.</summary>
    internal static async Task<JsonElement> WaitForAsync(HttpClient client, string id, string status)
    {
        JsonElement job = default;
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(20); waited += TimeSpan.FromMilliseconds(50))
        {
            var response = await client.GetAsync($"/api/v1/interactions/{id}/writeback");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                job = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (job.GetProperty("status").GetString() == status)
                {
                    return job;
                }
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Write-back of {id} never reached '{status}'; last seen: {job}");
        return job;
    }
}
