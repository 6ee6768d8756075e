using System.Text.Json.Nodes;
using System.Web;
using Microsoft.Extensions.DependencyInjection;
using SalesCoach.Crm.Tests.Fakes;
using SalesCoach.Crm.WriteBack;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Tenants;
using SalesCoach.TestSupport;

namespace SalesCoach.Crm.Tests.WriteBack;

/// <summary>
/// The write-back renews a rep's Salesforce session with the stored refresh token, through the OAuth 2.0 refresh token
/// flow of the fake org: an expired token is renewed before any call, a 401 is renewed once and the write repeated,
/// a refused refresh token (invalid_grant) ends the session for good. No token or secret ever reaches a log line.
/// </summary>
public sealed class SalesforceTokenRefreshTests
{
    private const string UserId = "005000000000001AAA";
    private const string RefreshToken = "5Aep861TSESvWeug_refresh-token-of-the-rep";

    [Theory, ClassData(typeof(BothStores))]
    public async Task WriteAsync_StoredTokenExpired_RenewsItFirstAndWritesWithTheNewOne(StorageProvider provider)
    {
        await using var setup = await Setup.CreateAsync(provider);
        await setup.Tokens.SaveAsync(setup.TenantId, CrmKinds.Salesforce, UserId, "00D!expired-session", setup.Time.GetUtcNow().AddMinutes(-1), RefreshToken, default);
        var summary = setup.Summary();

        var result = await setup.WriteBack.WriteAsync(summary, default);

        Assert.Equal(WriteBackOutcome.Created, result!.Outcome);
        var requests = setup.Fake.Requests.ToArray();
        var token = requests[0];
        Assert.Equal(("POST", FakeSalesforce.TokenPath, (string?)null), (token.Method, token.PathAndQuery, token.Authorization));
        var form = HttpUtility.ParseQueryString(token.Body);
        Assert.Equal(("refresh_token", setup.Fake.ConsumerKey, setup.Fake.ConsumerSecret, RefreshToken),
            (form["grant_type"], form["client_id"], form["client_secret"], form["refresh_token"]));
        Assert.All(requests[1..], r => Assert.Equal($"Bearer {setup.Fake.AccessToken}", r.Authorization));
        Assert.DoesNotContain(requests, r => r.Authorization?.Contains("expired-session", StringComparison.Ordinal) == true);
        Assert.Equal(setup.Fake.AccessToken, await setup.Tokens.GetAsync(setup.TenantId, CrmKinds.Salesforce, UserId, default));
        setup.AssertNoSecretLogged("00D!expired-session");
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task WriteAsync_OrgAnswers401_RenewsOnceAndWritesAgain(StorageProvider provider)
    {
        await using var setup = await Setup.CreateAsync(provider);
        await setup.Tokens.SaveAsync(setup.TenantId, CrmKinds.Salesforce, UserId, "00D!session-timed-out", null, RefreshToken, default);

        var result = await setup.WriteBack.WriteAsync(setup.Summary(), default);

        Assert.Equal(WriteBackOutcome.Created, result!.Outcome);
        Assert.Equal(
            ["GET /services/data/v62.0/query", "POST /services/oauth2/token", "GET /services/data/v62.0/query", "POST /services/data/v62.0/sobjects/Task/"],
            setup.Fake.Requests.Select(r => $"{r.Method} {r.PathAndQuery.Split('?')[0]}"));
        Assert.Single(setup.Fake.Records["Task"]);
        Assert.Equal(setup.Fake.AccessToken, await setup.Tokens.GetAsync(setup.TenantId, CrmKinds.Salesforce, UserId, default));
        var entry = await setup.Tokens.GetEntryAsync(setup.TenantId, CrmKinds.Salesforce, UserId, default);
        Assert.Equal(RefreshToken, entry!.RefreshToken);
        setup.AssertNoSecretLogged("00D!session-timed-out");
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task WriteAsync_RefreshTokenRevoked_SessionExpiredForGoodWithoutAskingAgain(StorageProvider provider)
    {
        await using var setup = await Setup.CreateAsync(provider);
        setup.Fake.RefreshTokens.Clear();
        await setup.Tokens.SaveAsync(setup.TenantId, CrmKinds.Salesforce, UserId, "00D!session-timed-out", null, RefreshToken, default);

        var refused = await Assert.ThrowsAsync<CrmException>(() => setup.WriteBack.WriteAsync(setup.Summary(), default));
        var again = await Assert.ThrowsAsync<CrmException>(() => setup.WriteBack.WriteAsync(setup.Summary(), default));

        Assert.Equal((CrmErrorKind.SessionExpired, 400, "invalid_grant"), (refused.Kind, refused.StatusCode, refused.ErrorCode));
        Assert.Contains("expired access/refresh token", refused.Message, StringComparison.Ordinal);
        Assert.Contains("opens SalesCoach in Salesforce again", refused.Message, StringComparison.Ordinal);
        Assert.Null(await setup.Tokens.GetEntryAsync(setup.TenantId, CrmKinds.Salesforce, UserId, default));
        // The tokens are forgotten: the next attempt fails at once, before any call to the org or its token endpoint.
        Assert.Equal((CrmErrorKind.SessionExpired, "no_token"), (again.Kind, again.ErrorCode));
        Assert.Equal(1, setup.Fake.Count("POST", FakeSalesforce.TokenPath));
        Assert.Equal(2, setup.Fake.Requests.Count);
        Assert.False(setup.Fake.Records.ContainsKey("Task"));
        setup.AssertNoSecretLogged("00D!session-timed-out");
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task WriteAsync_RefusedAgainAfterRenewal_FailsWithoutLooping(StorageProvider provider)
    {
        await using var setup = await Setup.CreateAsync(provider);
        await setup.Tokens.SaveAsync(setup.TenantId, CrmKinds.Salesforce, UserId, "00D!session-timed-out", null, RefreshToken, default);
        // The query is refused, the token endpoint answers, the repeated query is refused too.
        setup.Fake.Faults.Enqueue(new Fault(401));
        setup.Fake.Faults.Enqueue(new Fault());
        setup.Fake.Faults.Enqueue(new Fault(401));

        var error = await Assert.ThrowsAsync<CrmException>(() => setup.WriteBack.WriteAsync(setup.Summary(), default));

        Assert.Equal((CrmErrorKind.SessionExpired, 401, "INVALID_SESSION_ID"), (error.Kind, error.StatusCode, error.ErrorCode));
        Assert.Equal(1, setup.Fake.Count("POST", FakeSalesforce.TokenPath));
        Assert.Equal(3, setup.Fake.Requests.Count);
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task WriteAsync_RefreshNotConfigured_401IsSessionExpiredWithoutTokenCall(StorageProvider provider)
    {
        await using var setup = await Setup.CreateAsync(provider, configureRefresh: false);
        await setup.Tokens.SaveAsync(setup.TenantId, CrmKinds.Salesforce, UserId, "00D!session-timed-out", null, RefreshToken, default);

        var error = await Assert.ThrowsAsync<CrmException>(() => setup.WriteBack.WriteAsync(setup.Summary(), default));

        Assert.True(error.IsSessionExpired);
        Assert.Equal(0, setup.Fake.Count("POST", FakeSalesforce.TokenPath));
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task WriteAsync_RotatingApp_KeepsTheNewRefreshTokenAndParallelWritesRenewOnce(StorageProvider provider)
    {
        await using var setup = await Setup.CreateAsync(provider);
        setup.Fake.RotateRefreshTokens = true;
        await setup.Tokens.SaveAsync(setup.TenantId, CrmKinds.Salesforce, UserId, "00D!expired", setup.Time.GetUtcNow().AddMinutes(-1), RefreshToken, default);

        var results = await Task.WhenAll(
            setup.WriteBack.WriteAsync(setup.Summary("int-0001"), default),
            setup.WriteBack.WriteAsync(setup.Summary("int-0002"), default));

        Assert.All(results, r => Assert.Equal(WriteBackOutcome.Created, r!.Outcome));
        Assert.Equal(1, setup.Fake.Count("POST", FakeSalesforce.TokenPath));
        var rotated = Assert.Single(setup.Fake.RefreshTokens.Keys);
        Assert.NotEqual(RefreshToken, rotated);
        Assert.Equal(rotated, (await setup.Tokens.GetEntryAsync(setup.TenantId, CrmKinds.Salesforce, UserId, default))!.RefreshToken);
        setup.AssertNoSecretLogged("00D!expired", rotated);
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task WriteAsync_AnswerSignedWithAnotherSecret_IsNotTrusted(StorageProvider provider)
    {
        await using var setup = await Setup.CreateAsync(provider);
        setup.Fake.SigningSecret = "someone-else-s-consumer-secret-0123";
        await setup.Tokens.SaveAsync(setup.TenantId, CrmKinds.Salesforce, UserId, "00D!expired", setup.Time.GetUtcNow().AddMinutes(-1), RefreshToken, default);

        var error = await Assert.ThrowsAsync<CrmException>(() => setup.WriteBack.WriteAsync(setup.Summary(), default));

        Assert.Equal((CrmErrorKind.Failed, "bad_token_response"), (error.Kind, error.ErrorCode));
        Assert.Null(await setup.Tokens.GetAsync(setup.TenantId, CrmKinds.Salesforce, UserId, default));
        Assert.Single(setup.Fake.Requests);
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task WriteAsync_OtherTenant_NeverUsesOrChangesThisTenantsTokens(StorageProvider provider)
    {
        await using var setup = await Setup.CreateAsync(provider);
        var (other, _) = await setup.Services.GetRequiredService<TenantStore>().CreateAsync("Other Corp");
        // The other tenant's org is another one; the same user id has an expired token there and its own refresh token,
        // which the fake (this tenant's org) happily renews, but for this org: the answer must not be taken for the other.
        const string otherOrg = "00D000000000002EAA";
        await setup.Services.GetRequiredService<CrmConnectionStore>().ConnectAsync(other.Id, CrmKinds.Salesforce, otherOrg, "Other", setup.Fake.BaseUri.ToString());
        await setup.Tokens.SaveAsync(setup.TenantId, CrmKinds.Salesforce, UserId, "00D!this-tenant-expired", setup.Time.GetUtcNow().AddMinutes(-1), RefreshToken, default);
        setup.Fake.RefreshTokens["5Aep861other-tenant-refresh"] = UserId;
        await setup.Tokens.SaveAsync(other.Id, CrmKinds.Salesforce, UserId, "00D!other-tenant-expired", setup.Time.GetUtcNow().AddMinutes(-1), "5Aep861other-tenant-refresh", default);

        var error = await Assert.ThrowsAsync<CrmException>(() => setup.WriteBack.WriteAsync(setup.Summary() with { TenantId = other.Id }, default));
        var mine = await setup.WriteBack.WriteAsync(setup.Summary(), default);

        Assert.Equal("bad_token_response", error.ErrorCode);
        Assert.Equal(WriteBackOutcome.Created, mine!.Outcome);
        var tokenCalls = setup.Fake.Requests.Where(r => r.PathAndQuery == FakeSalesforce.TokenPath).Select(r => HttpUtility.ParseQueryString(r.Body)["refresh_token"]);
        Assert.Equal(["5Aep861other-tenant-refresh", RefreshToken], tokenCalls);
        Assert.Null(await setup.Tokens.GetAsync(other.Id, CrmKinds.Salesforce, UserId, default));
        Assert.Equal("5Aep861other-tenant-refresh", (await setup.Tokens.GetEntryAsync(other.Id, CrmKinds.Salesforce, UserId, default))!.RefreshToken);
        Assert.Equal(setup.Fake.AccessToken, await setup.Tokens.GetAsync(setup.TenantId, CrmKinds.Salesforce, UserId, default));
        setup.AssertNoSecretLogged("00D!this-tenant-expired", "00D!other-tenant-expired", "5Aep861other-tenant-refresh");
    }

    /// <summary>A tenant connected to the fake org, the library's own wiring over a real store, a captured log.</summary>
    private sealed class Setup : IAsyncDisposable
    {
        private readonly TestStore _store;
        private readonly List<string> _log;

        private Setup(TestStore store, FakeSalesforce fake, ServiceProvider services, List<string> log, ManualTimeProvider time, string tenantId)
        {
            (_store, Fake, Services, _log, Time, TenantId) = (store, fake, services, log, time, tenantId);
        }

        public FakeSalesforce Fake { get; }

        public ServiceProvider Services { get; }

        public ManualTimeProvider Time { get; }

        public string TenantId { get; }

        public string OpportunityId { get; private init; } = "";

        public CrmTokenStore Tokens => Services.GetRequiredService<CrmTokenStore>();

        public SummaryWriteBack WriteBack => Services.GetRequiredService<SummaryWriteBack>();

        public static async Task<Setup> CreateAsync(StorageProvider provider, bool configureRefresh = true)
        {
            var store = await TestStore.CreateAsync(provider, new CrmMigrations());
            var fake = new FakeSalesforce();
            await fake.StartAsync();
            fake.RefreshTokens[RefreshToken] = UserId;
            var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
            var log = new List<string>();
            var settings = new Dictionary<string, string?>
            {
                ["Crm:Salesforce:ConsumerKey"] = configureRefresh ? fake.ConsumerKey : null,
                ["Crm:Salesforce:ConsumerSecret"] = configureRefresh ? fake.ConsumerSecret : null,
            };
            var services = CrmTestHost.Create(settings, time: time, log: log, store: store);
            var (tenant, _) = await services.GetRequiredService<TenantStore>().CreateAsync("Acme Corp");
            await services.GetRequiredService<CrmConnectionStore>().ConnectAsync(tenant.Id, CrmKinds.Salesforce, fake.OrgId, "Acme", fake.BaseUri.ToString());
            var opportunity = fake.Add("Opportunity", new JsonObject { ["Name"] = "Renewal" });
            // Setting up the record is not part of what the tests count.
            fake.Requests.Clear();
            return new Setup(store, fake, services, log, time, tenant.Id) { OpportunityId = opportunity };
        }

        public InteractionSummary Summary(string interactionId = "int-0001") =>
            Summaries.For(CrmKinds.Salesforce, "Opportunity", OpportunityId, interactionId: interactionId) with { TenantId = TenantId, CrmUserId = UserId };

        public void AssertNoSecretLogged(params string[] more)
        {
            string[] lines;
            lock (_log)
            {
                lines = [.. _log];
            }

            Assert.NotEmpty(lines);
            foreach (var secret in more.Concat([RefreshToken, Fake.AccessToken, Fake.ConsumerSecret]))
            {
                Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Services.DisposeAsync();
            await Fake.DisposeAsync();
            await _store.DisposeAsync();
        }
    }
}
