using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesCoach.Crm.Dataverse;
using SalesCoach.Crm.HubSpot;
using SalesCoach.Crm.Salesforce;
using SalesCoach.Crm.Tests.Dataverse;
using SalesCoach.Crm.Tests.Fakes;

namespace SalesCoach.Crm.Tests.Resilience;

/// <summary>The one resilience handler of each client, exercised through the real clients against the fakes.</summary>
public sealed class ResilienceHandlerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider _time = new(Start);
    private FakeSalesforce _salesforce = null!;
    private FakeDataverse _dataverse = null!;

    public async ValueTask InitializeAsync()
    {
        _salesforce = new FakeSalesforce { Time = _time };
        _dataverse = new FakeDataverse { Time = _time };
        await _salesforce.StartAsync();
        await _dataverse.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _salesforce.DisposeAsync();
        await _dataverse.DisposeAsync();
    }

    private SalesforceConnection Salesforce => new(_salesforce.BaseUri, _salesforce.AccessToken);

    [Fact]
    public async Task Get_503ThenOk_RetriesAndSucceeds()
    {
        await using var services = CrmTestHost.Create();
        var id = _salesforce.Add("Account", new JsonObject { ["Name"] = "Acme" });
        _salesforce.Faults.Enqueue(new Fault(503));
        _salesforce.Faults.Enqueue(new Fault(502));

        var record = await services.GetRequiredService<SalesforceClient>().GetRecordAsync(Salesforce, "Account", id, ["Name"], default);

        Assert.Equal("Acme", record.GetProperty("Name").GetString());
        Assert.Equal(3, _salesforce.Requests.Count);
    }

    [Fact]
    public async Task Get_429WithRetryAfterSeconds_WaitsExactlyThatLongOnTheClock()
    {
        await using var services = CrmTestHost.Create(time: _time, tokens: new FakeTokenSource(_dataverse.AccessToken));
        var id = _dataverse.Add("accounts", new JsonObject { ["name"] = "Contoso" });
        _dataverse.Faults.Enqueue(new Fault(429, "7"));

        var call = services.GetRequiredService<DataverseClient>().GetRecordAsync(new DataverseConnection(_dataverse.BaseUri, "t"), "accounts", id, ["name"], default);
        await WaitUntilAsync(() => _time.PendingDelays().Contains(TimeSpan.FromSeconds(7)));
        _time.Advance(TimeSpan.FromSeconds(6.9));
        await Task.Delay(100);
        Assert.Single(_dataverse.Requests);
        Assert.False(call.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(0.1));
        var row = await call.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("Contoso", row.GetProperty("name").GetString());
        Assert.Equal(2, _dataverse.Requests.Count);
    }

    [Fact]
    public async Task Get_503WithRetryAfterHttpDate_WaitsUntilThatDate()
    {
        await using var services = CrmTestHost.Create(time: _time);
        var id = _salesforce.Add("Account", new JsonObject { ["Name"] = "Acme" });
        _salesforce.Faults.Enqueue(new Fault(503, _salesforce.RetryAfterDate(12)));

        var call = services.GetRequiredService<SalesforceClient>().GetRecordAsync(Salesforce, "Account", id, ["Name"], default);
        await WaitUntilAsync(() => _time.PendingDelays().Contains(TimeSpan.FromSeconds(12)));
        Assert.Single(_salesforce.Requests);
        _time.Advance(TimeSpan.FromSeconds(12));

        await call.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, _salesforce.Requests.Count);
    }

    [Fact]
    public async Task Get_RetryAfterLongerThanAllowed_FailsThrottledWithoutWaiting()
    {
        await using var services = CrmTestHost.Create(time: _time, tokens: new FakeTokenSource(_dataverse.AccessToken));
        _dataverse.Faults.Enqueue(new Fault(429, "300"));

        var error = await Assert.ThrowsAsync<CrmException>(() => services.GetRequiredService<DataverseClient>()
            .GetRecordAsync(new DataverseConnection(_dataverse.BaseUri, "t"), "accounts", Guid.NewGuid(), [], default));

        Assert.Equal(CrmErrorKind.Throttled, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(300), error.RetryAfter);
        Assert.Equal("0x80072322", error.ErrorCode);
        Assert.Single(_dataverse.Requests);
    }

    [Fact]
    public async Task Post_CreateWithoutIdempotencyKey_IsNotRetried()
    {
        await using var services = CrmTestHost.Create();
        _salesforce.Faults.Enqueue(new Fault(503));

        var error = await Assert.ThrowsAsync<CrmException>(() => services.GetRequiredService<SalesforceClient>()
            .CreateRecordAsync(Salesforce, "Task", new Dictionary<string, object?> { ["Subject"] = "x" }, default));

        Assert.Equal(CrmErrorKind.Unavailable, error.Kind);
        Assert.Single(_salesforce.Requests);
        Assert.False(_salesforce.Records.ContainsKey("Task"));
    }

    [Fact]
    public async Task Post_SearchMarkedIdempotent_IsRetriedAfter429()
    {
        await using var hubspot = new FakeHubSpot();
        await hubspot.StartAsync();
        await using var services = CrmTestHost.Create(new Dictionary<string, string?> { ["Crm:HubSpot:BaseUrl"] = hubspot.BaseUri.ToString() });
        hubspot.Add("deals", new JsonObject { ["dealstage"] = "won" });
        hubspot.Faults.Enqueue(new Fault(429));

        var page = await services.GetRequiredService<HubSpotClient>()
            .SearchAsync(new HubSpotConnection("1", hubspot.AccessToken), "deals", [new HubSpotFilter("dealstage", "EQ", "won")], [], 10, null, default);

        Assert.Equal(1, page.Total);
        Assert.Equal(2, hubspot.Count("POST", "/crm/v3/objects/deals/search"));
    }

    [Fact]
    public async Task Get_AlwaysUnavailable_StopsAfterMaxRetriesWithVendorError()
    {
        await using var services = CrmTestHost.Create(new Dictionary<string, string?> { ["Crm:Salesforce:Resilience:MaxRetryAttempts"] = "2" });
        _salesforce.AlwaysFault = new Fault(503);

        var error = await Assert.ThrowsAsync<CrmException>(() => services.GetRequiredService<SalesforceClient>()
            .GetRecordAsync(Salesforce, "Account", "001000000000001AAA", [], default));

        Assert.Equal("SERVER_UNAVAILABLE", error.ErrorCode);
        Assert.Equal(3, _salesforce.Requests.Count);
    }

    [Fact]
    public async Task Get_RepeatedFailures_OpenTheCircuitAndStopCalling()
    {
        await using var services = CrmTestHost.Create(new Dictionary<string, string?>
        {
            ["Crm:Salesforce:Resilience:MaxRetryAttempts"] = "0",
            ["Crm:Salesforce:Resilience:BreakerMinimumThroughput"] = "3",
            ["Crm:Salesforce:Resilience:BreakerFailureRatio"] = "0.5",
        });
        var client = services.GetRequiredService<SalesforceClient>();
        _salesforce.AlwaysFault = new Fault(503);

        for (var i = 0; i < 3; i++)
        {
            var failed = await Assert.ThrowsAsync<CrmException>(() => client.GetRecordAsync(Salesforce, "Account", "001000000000001AAA", [], default));
            Assert.Equal(503, failed.StatusCode);
        }

        var open = await Assert.ThrowsAsync<CrmException>(() => client.GetRecordAsync(Salesforce, "Account", "001000000000001AAA", [], default));

        Assert.Equal("circuit_open", open.ErrorCode);
        Assert.Equal(CrmErrorKind.Unavailable, open.Kind);
        Assert.Equal(3, _salesforce.Requests.Count);
    }

    [Fact]
    public async Task Get_SlowFirstAttempt_TimesOutAndRetries()
    {
        await using var services = CrmTestHost.Create(new Dictionary<string, string?> { ["Crm:Salesforce:Resilience:AttemptTimeout"] = "00:00:00.300" });
        var id = _salesforce.Add("Account", new JsonObject { ["Name"] = "Acme" });
        _salesforce.Faults.Enqueue(new Fault(Delay: TimeSpan.FromSeconds(5)));

        var record = await services.GetRequiredService<SalesforceClient>().GetRecordAsync(Salesforce, "Account", id, ["Name"], default);

        Assert.Equal("Acme", record.GetProperty("Name").GetString());
        Assert.Equal(2, _salesforce.Requests.Count);
    }

    [Fact]
    public async Task Get_AlwaysSlow_FailsWithTimeout()
    {
        await using var services = CrmTestHost.Create(new Dictionary<string, string?>
        {
            ["Crm:Salesforce:Resilience:AttemptTimeout"] = "00:00:00.200",
            ["Crm:Salesforce:Resilience:MaxRetryAttempts"] = "1",
        });
        _salesforce.AlwaysFault = new Fault(Delay: TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<CrmException>(() => services.GetRequiredService<SalesforceClient>()
            .GetRecordAsync(Salesforce, "Account", "001000000000001AAA", [], default));

        Assert.Equal("timeout", error.ErrorCode);
        Assert.Equal(2, _salesforce.Requests.Count);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 10)
        {
            Assert.True(waited < 10_000, "The condition did not become true within 10 s.");
            await Task.Delay(10);
        }
    }
}
