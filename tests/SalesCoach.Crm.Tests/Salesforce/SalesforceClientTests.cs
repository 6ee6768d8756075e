using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesCoach.Crm.Salesforce;
using SalesCoach.Crm.Tests.Fakes;

namespace SalesCoach.Crm.Tests.Salesforce;

public sealed class SalesforceClientTests : IAsyncLifetime
{
    private readonly FakeSalesforce _fake = new();
    private readonly List<string> _log = [];
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        await _fake.StartAsync();
        _services = CrmTestHost.Create(log: _log);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private SalesforceClient Client => _services.GetRequiredService<SalesforceClient>();

    private SalesforceConnection Connection => new(_fake.BaseUri, _fake.AccessToken);

    [Fact]
    public async Task QueryAsync_ThreePages_FollowsNextRecordsUrlToTheEnd()
    {
        _fake.PageSize = 2;
        for (var i = 0; i < 5; i++)
        {
            _fake.Add("Account", new JsonObject { ["Name"] = $"Acme {i}" });
        }

        var records = await Client.QueryAsync(Connection, "SELECT Id, Name FROM Account", default);

        Assert.Equal(["Acme 0", "Acme 1", "Acme 2", "Acme 3", "Acme 4"], records.Select(r => r.GetProperty("Name").GetString()));
        Assert.Equal(2, _fake.Count("GET", $"/services/data/{FakeSalesforce.Version}/query/"));
        Assert.All(_fake.Requests, r => Assert.Equal("Bearer valid-token", r.Authorization));
    }

    [Fact]
    public async Task QueryAsync_MaxQueryRecordsReached_StopsFollowingPages()
    {
        await using var services = CrmTestHost.Create(new Dictionary<string, string?> { ["Crm:Salesforce:MaxQueryRecords"] = "3" });
        _fake.PageSize = 2;
        for (var i = 0; i < 7; i++)
        {
            _fake.Add("Account", new JsonObject { ["Name"] = $"Acme {i}" });
        }

        var records = await services.GetRequiredService<SalesforceClient>().QueryAsync(Connection, "SELECT Id, Name FROM Account", default);

        Assert.Equal(3, records.Count);
        Assert.Equal(2, _fake.Requests.Count);
    }

    [Fact]
    public async Task GetRecordAsync_ExistingRecord_ReturnsRequestedFields()
    {
        var id = _fake.Add("Opportunity", new JsonObject { ["Name"] = "Big deal", ["StageName"] = "Prospecting", ["Amount"] = 5000 });

        var record = await Client.GetRecordAsync(Connection, "Opportunity", id, ["Name", "StageName"], default);

        Assert.Equal("Big deal", record.GetProperty("Name").GetString());
        Assert.Equal("Prospecting", record.GetProperty("StageName").GetString());
        Assert.False(record.TryGetProperty("Amount", out _));
        Assert.Contains(_fake.Requests, r => r.PathAndQuery == $"/services/data/{FakeSalesforce.Version}/sobjects/Opportunity/{id}?fields=Name,StageName");
    }

    [Fact]
    public async Task UpdateRecordAsync_Patch_ChangesTheRecord()
    {
        var id = _fake.Add("Opportunity", new JsonObject { ["Name"] = "Big deal", ["StageName"] = "Prospecting" });

        await Client.UpdateRecordAsync(Connection, "Opportunity", id, new Dictionary<string, object?> { ["StageName"] = "Negotiation" }, default);

        Assert.Equal("Negotiation", (string?)_fake.Records["Opportunity"][id]["StageName"]);
    }

    [Fact]
    public async Task CreateRecordAsync_Task_ReturnsTheNewId()
    {
        var id = await Client.CreateRecordAsync(Connection, "Task", new Dictionary<string, object?> { ["Subject"] = "Call", ["Status"] = "Completed" }, default);

        Assert.Equal("Call", (string?)_fake.Records["Task"][id]["Subject"]);
    }

    [Fact]
    public async Task GetRecordAsync_ExpiredToken_ThrowsSessionExpired()
    {
        var id = _fake.Add("Account", new JsonObject { ["Name"] = "Acme" });
        _fake.AccessToken = "rotated";

        var error = await Assert.ThrowsAsync<CrmException>(() => Client.GetRecordAsync(Connection with { AccessToken = "stale" }, "Account", id, ["Name"], default));

        Assert.True(error.IsSessionExpired);
        Assert.Equal("INVALID_SESSION_ID", error.ErrorCode);
        Assert.Equal(401, error.StatusCode);
        Assert.Single(_fake.Requests);
    }

    [Fact]
    public async Task GetRecordAsync_MissingRecord_ThrowsNotFoundWithVendorMessage()
    {
        var error = await Assert.ThrowsAsync<CrmException>(() => Client.GetRecordAsync(Connection, "Account", "001000000000099AAA", ["Name"], default));

        Assert.Equal(CrmErrorKind.NotFound, error.Kind);
        Assert.Equal("NOT_FOUND", error.ErrorCode);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateRecordAsync_MissingRequiredField_ThrowsInvalid()
    {
        var error = await Assert.ThrowsAsync<CrmException>(() =>
            Client.CreateRecordAsync(Connection, "Task", new Dictionary<string, object?> { ["Status"] = "Completed" }, default));

        Assert.Equal(CrmErrorKind.Invalid, error.Kind);
        Assert.Equal("REQUIRED_FIELD_MISSING", error.ErrorCode);
    }

    [Fact]
    public async Task AnyCall_LimitInfoHeader_ExposesLastUsageAndWarnsAbove80Percent()
    {
        var id = _fake.Add("Account", new JsonObject { ["Name"] = "Acme" });
        _fake.ApiUsedBefore = 100;
        await Client.GetRecordAsync(Connection, "Account", id, ["Name"], default);
        Assert.Equal(new ApiUsage(101, 15000), Client.LastApiUsage(Connection));
        Assert.DoesNotContain(_log, l => l.StartsWith("Warning", StringComparison.Ordinal));

        _fake.ApiUsedBefore = 12_500;
        await Client.GetRecordAsync(Connection, "Account", id, ["Name"], default);

        Assert.Equal(new ApiUsage(12_502, 15000), Client.LastApiUsage(Connection));
        Assert.Contains(_log, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("12502 of 15000", StringComparison.Ordinal));
        Assert.DoesNotContain(_log, l => l.Contains(_fake.AccessToken, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("api-usage=25/15000", 25L, 15000L)]
    [InlineData("per-app-api-usage=17/250(appName=sample-app), api-usage=9/100", 9L, 100L)]
    public void Parse_LimitInfoHeader_ReadsApiUsage(string header, long used, long max) =>
        Assert.Equal(new ApiUsage(used, max), SalesforceApiUsage.Parse(header));

    [Theory]
    [InlineData("https://evil.example.com")]
    [InlineData("http://na1.salesforce.com")]
    [InlineData("https://salesforce.com.evil.example")]
    public async Task QueryAsync_InstanceUrlNotSalesforce_RefusesToSendTheToken(string instanceUrl)
    {
        await using var services = CrmTestHost.Create(new Dictionary<string, string?> { ["Crm:Salesforce:AllowedInstanceHosts:0"] = ".salesforce.com" });

        var error = await Assert.ThrowsAsync<CrmException>(() =>
            services.GetRequiredService<SalesforceClient>().QueryAsync(new SalesforceConnection(new Uri(instanceUrl), "t"), "SELECT Id FROM Account", default));

        Assert.Equal("instance_url", error.ErrorCode);
    }

    [Fact]
    public async Task GetRecordAsync_InjectedFieldName_IsRejectedBeforeAnyCall()
    {
        await Assert.ThrowsAsync<CrmException>(() => Client.GetRecordAsync(Connection, "Account", "001000000000001AAA", ["Name&q=x"], default));
        Assert.Empty(_fake.Requests);
    }
}
