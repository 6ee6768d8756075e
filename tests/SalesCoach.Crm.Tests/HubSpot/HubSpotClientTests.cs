using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesCoach.Crm.HubSpot;
using SalesCoach.Crm.Tests.Fakes;

namespace SalesCoach.Crm.Tests.HubSpot;

public sealed class HubSpotClientTests : IAsyncLifetime
{
    private readonly FakeHubSpot _fake = new();
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        await _fake.StartAsync();
        _services = CrmTestHost.Create(new Dictionary<string, string?> { ["Crm:HubSpot:BaseUrl"] = _fake.BaseUri.ToString() });
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private HubSpotClient Client => _services.GetRequiredService<HubSpotClient>();

    private HubSpotConnection Connection => new("4242", _fake.AccessToken);

    [Fact]
    public async Task GetObjectAsync_DealWithContacts_ReturnsPropertiesAndAssociatedIds()
    {
        var deal = _fake.Add("deals", new JsonObject { ["dealname"] = "Renewal", ["amount"] = "1200", ["dealstage"] = "qualified" });
        var contact = _fake.Add("contacts", new JsonObject { ["email"] = "ana@example.com" });
        _fake.Associate("deals", deal, "contacts", contact);

        var result = await Client.GetObjectAsync(Connection, "deals", deal, ["dealname", "amount"], ["contacts", "companies"], default);

        Assert.Equal(deal, result.Id);
        Assert.Equal("Renewal", result.Properties["dealname"]);
        Assert.Equal("1200", result.Properties["amount"]);
        Assert.False(result.Properties.ContainsKey("dealstage"));
        Assert.Equal([contact], result.Associations["contacts"]);
        Assert.Contains(_fake.Requests, r => r.PathAndQuery == $"/crm/v3/objects/deals/{deal}?properties=dealname,amount&associations=contacts,companies");
    }

    [Fact]
    public async Task SearchAsync_MoreThanOnePage_ReturnsAfterCursor()
    {
        for (var i = 0; i < 3; i++)
        {
            _fake.Add("contacts", new JsonObject { ["lifecyclestage"] = "lead", ["email"] = $"c{i}@example.com" });
        }

        _fake.Add("contacts", new JsonObject { ["lifecyclestage"] = "customer", ["email"] = "x@example.com" });
        var filter = new HubSpotFilter("lifecyclestage", "EQ", "lead");

        var first = await Client.SearchAsync(Connection, "contacts", [filter], ["email"], 2, null, default);
        var second = await Client.SearchAsync(Connection, "contacts", [filter], ["email"], 2, first.After, default);

        Assert.Equal(3, first.Total);
        Assert.Equal(["c0@example.com", "c1@example.com"], first.Results.Select(r => r.Properties["email"]));
        Assert.Equal(["c2@example.com"], second.Results.Select(r => r.Properties["email"]));
        Assert.Null(second.After);
    }

    [Theory]
    [InlineData("deals")]
    [InlineData("contacts")]
    [InlineData("companies")]
    public async Task CreateNoteAsync_EachRecordType_AssociatesWithTheDefaultType(string type)
    {
        var record = _fake.Add(type, new JsonObject { ["name"] = "x" });
        var at = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

        var note = await Client.CreateNoteAsync(Connection, "<p>Hello</p>", at, type, record, default);

        var stored = _fake.Objects["notes"][note];
        Assert.Equal("<p>Hello</p>", (string?)stored.Properties["hs_note_body"]);
        Assert.Equal(at.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)stored.Properties["hs_timestamp"]);
        Assert.Equal([record], stored.Associations[type]);
    }

    [Fact]
    public async Task GetObjectAsync_Missing_ThrowsNotFoundWithCorrelationId()
    {
        var error = await Assert.ThrowsAsync<CrmException>(() => Client.GetObjectAsync(Connection, "deals", "999", [], [], default));

        Assert.Equal(CrmErrorKind.NotFound, error.Kind);
        Assert.Equal("OBJECT_NOT_FOUND", error.ErrorCode);
        Assert.True(Guid.TryParse(error.CorrelationId, out _));
    }

    [Fact]
    public async Task GetObjectAsync_BadToken_ThrowsSessionExpired()
    {
        var deal = _fake.Add("deals", new JsonObject());

        var error = await Assert.ThrowsAsync<CrmException>(() => Client.GetObjectAsync(Connection with { AccessToken = "revoked" }, "deals", deal, [], [], default));

        Assert.True(error.IsSessionExpired);
        Assert.Equal("INVALID_AUTHENTICATION", error.ErrorCode);
    }

    [Fact]
    public async Task UpdateObjectAsync_Note_ChangesBody()
    {
        var note = _fake.Add("notes", new JsonObject { ["hs_note_body"] = "old" });

        await Client.UpdateObjectAsync(Connection, "notes", note, new Dictionary<string, string> { ["hs_note_body"] = "new" }, default);

        Assert.Equal("new", (string?)_fake.Objects["notes"][note].Properties["hs_note_body"]);
    }
}
