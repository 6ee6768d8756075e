using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesCoach.Crm.Dataverse;
using SalesCoach.Crm.Tests.Fakes;

namespace SalesCoach.Crm.Tests.Dataverse;

public sealed class DataverseClientTests : IAsyncLifetime
{
    private readonly FakeDataverse _fake = new();
    private readonly FakeTokenSource _tokens = new("valid-token");
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        await _fake.StartAsync();
        _services = CrmTestHost.Create(tokens: _tokens);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private DataverseClient Client => _services.GetRequiredService<DataverseClient>();

    private DataverseConnection Connection => new(_fake.BaseUri, "entra-tenant-1");

    [Fact]
    public async Task GetRecordAsync_Select_ReturnsColumnsWithODataHeadersAndAppToken()
    {
        var id = _fake.Add("accounts", new JsonObject { ["name"] = "Contoso", ["revenue"] = 1000, ["telephone1"] = "555" });

        var row = await Client.GetRecordAsync(Connection, "accounts", id, ["name", "revenue"], default);

        Assert.Equal("Contoso", row.GetProperty("name").GetString());
        Assert.False(row.TryGetProperty("telephone1", out _));
        Assert.Contains(_fake.Requests, r => r.PathAndQuery == $"{FakeDataverse.ApiPath}accounts({id:D})?$select=name,revenue");
        Assert.Equal(("entra-tenant-1", $"{_fake.BaseUri.GetLeftPart(UriPartial.Authority)}/.default"), Assert.Single(_tokens.Requests));
    }

    [Fact]
    public async Task CreateAsync_TaskRegardingAccount_ReturnsIdFromODataEntityId()
    {
        var account = _fake.Add("accounts", new JsonObject { ["name"] = "Contoso" });

        var id = await Client.CreateAsync(Connection, "tasks", new Dictionary<string, object?>
        {
            ["subject"] = "Follow up",
            ["regardingobjectid_account@odata.bind"] = $"/accounts({account:D})",
        }, default);

        Assert.Equal("Follow up", (string?)_fake.Rows["tasks"][id]["subject"]);
    }

    [Fact]
    public async Task UpsertAsync_NewThenExistingId_CreatesThenUpdates()
    {
        var account = _fake.Add("accounts", new JsonObject { ["name"] = "Contoso" });
        var noteId = Guid.NewGuid();
        Dictionary<string, object?> Note(string text) => new()
        {
            ["subject"] = "s",
            ["notetext"] = text,
            ["objectid_account@odata.bind"] = $"/accounts({account:D})",
        };

        Assert.True(await Client.UpsertAsync(Connection, "annotations", noteId, Note("one"), default));
        Assert.False(await Client.UpsertAsync(Connection, "annotations", noteId, Note("two"), default));

        Assert.Equal("two", (string?)Assert.Single(_fake.Rows["annotations"]).Value["notetext"]);
    }

    [Fact]
    public async Task GetRecordAsync_Missing_ThrowsNotFoundWithODataCode()
    {
        var error = await Assert.ThrowsAsync<CrmException>(() => Client.GetRecordAsync(Connection, "accounts", Guid.NewGuid(), ["name"], default));

        Assert.Equal(CrmErrorKind.NotFound, error.Kind);
        Assert.Equal("0x80040217", error.ErrorCode);
        Assert.Contains("Does Not Exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_BindToMissingRecord_ThrowsAndWritesNothing()
    {
        var error = await Assert.ThrowsAsync<CrmException>(() => Client.UpsertAsync(Connection, "annotations", Guid.NewGuid(),
            new Dictionary<string, object?> { ["objectid_account@odata.bind"] = $"/accounts({Guid.NewGuid():D})" }, default));

        Assert.Equal(CrmErrorKind.NotFound, error.Kind);
        Assert.False(_fake.Rows.ContainsKey("annotations") && !_fake.Rows["annotations"].IsEmpty);
    }

    [Fact]
    public async Task GetRecordAsync_TokenRejected_ThrowsSessionExpired()
    {
        _fake.AccessToken = "another";

        var error = await Assert.ThrowsAsync<CrmException>(() => Client.GetRecordAsync(Connection, "accounts", Guid.NewGuid(), [], default));

        Assert.Equal(CrmErrorKind.SessionExpired, error.Kind);
    }
}
