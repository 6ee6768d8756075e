using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesCoach.Crm.Tests.Dataverse;
using SalesCoach.Crm.Tests.Fakes;
using SalesCoach.Crm.WriteBack;

namespace SalesCoach.Crm.Tests.WriteBack;

/// <summary>Deleting a note the write-back wrote (a data subject's erasure), through the real clients and the fakes.</summary>
public sealed class SummaryNoteDeletionTests : IAsyncLifetime
{
    private const string Tenant = "tenant-a";
    private readonly FakeSalesforce _salesforce = new();
    private readonly FakeDataverse _dataverse = new();
    private readonly FakeHubSpot _hubspot = new();
    private readonly TestConnections _connections = new();
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        await Task.WhenAll(_salesforce.StartAsync(), _dataverse.StartAsync(), _hubspot.StartAsync());
        _services = CrmTestHost.Create(
            new Dictionary<string, string?> { ["Crm:HubSpot:BaseUrl"] = _hubspot.BaseUri.ToString() },
            tokens: new FakeTokenSource(_dataverse.AccessToken), connections: _connections);
        _connections.Targets[(Tenant, "salesforce")] = new CrmTarget("salesforce", "00D000000000001", _salesforce.BaseUri, _salesforce.AccessToken);
        _connections.Targets[(Tenant, "dynamics")] = new CrmTarget("dynamics", "entra-tenant-a", _dataverse.BaseUri, null);
        _connections.Targets[(Tenant, "hubspot")] = new CrmTarget("hubspot", "4242", null, _hubspot.AccessToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Task.WhenAll(_salesforce.DisposeAsync().AsTask(), _dataverse.DisposeAsync().AsTask(), _hubspot.DisposeAsync().AsTask());
    }

    private SummaryWriteBack WriteBack => _services.GetRequiredService<SummaryWriteBack>();

    private SummaryNoteDeletion Deletion => _services.GetRequiredService<SummaryNoteDeletion>();

    [Fact]
    public async Task DeleteAsync_SalesforceTask_GoesToTheRecycleBinAndAgainIsNotFound()
    {
        var opportunity = _salesforce.Add("Opportunity", new JsonObject { ["Name"] = "Renewal" });
        var other = (await WriteBack.WriteAsync(Summaries.For("salesforce", "Opportunity", opportunity, interactionId: "int-0002"), default))!.NoteId;
        var note = (await WriteBack.WriteAsync(Summaries.For("salesforce", "Opportunity", opportunity), default))!.NoteId;

        var first = await Deletion.DeleteAsync(Tenant, "salesforce", "005000000000001AAA", note, default);
        var again = await Deletion.DeleteAsync(Tenant, "salesforce", "005000000000001AAA", note, default);

        Assert.Equal((NoteDeletionOutcome.Deleted, NoteDeletionOutcome.NotFound), (first, again));
        Assert.Equal([other], _salesforce.Records["Task"].Keys);
        Assert.True(_salesforce.RecycleBin["Task"].ContainsKey(note));
        Assert.Equal(2, _salesforce.Count("DELETE", $"/services/data/{FakeSalesforce.Version}/sobjects/Task/{note}"));
    }

    [Fact]
    public async Task DeleteAsync_DataverseAnnotation_IsDeletedAndAgainIsNotFound()
    {
        var account = _dataverse.Add("accounts", new JsonObject { ["name"] = "Contoso" });
        var note = (await WriteBack.WriteAsync(Summaries.For("dynamics", "account", account.ToString()), default))!.NoteId;

        var first = await Deletion.DeleteAsync(Tenant, "dynamics", null, note, default);
        var again = await Deletion.DeleteAsync(Tenant, "dynamics", null, note, default);

        Assert.Equal((NoteDeletionOutcome.Deleted, NoteDeletionOutcome.NotFound), (first, again));
        Assert.Empty(_dataverse.Rows["annotations"]);
        Assert.Contains(_dataverse.Requests, r => r.Method == "DELETE" && r.PathAndQuery == $"{FakeDataverse.ApiPath}annotations({note})");
    }

    [Fact]
    public async Task DeleteAsync_HubSpotNote_IsArchivedAndItsRecordKept()
    {
        var deal = _hubspot.Add("deals", new JsonObject { ["dealname"] = "Renewal" });
        var note = (await WriteBack.WriteAsync(Summaries.For("hubspot", "deals", deal), default))!.NoteId;

        var outcome = await Deletion.DeleteAsync(Tenant, "hubspot", null, note, default);

        Assert.Equal(NoteDeletionOutcome.Deleted, outcome);
        Assert.Empty(_hubspot.Objects["notes"]);
        Assert.True(_hubspot.Archived["notes"].ContainsKey(note));
        Assert.True(_hubspot.Objects["deals"].ContainsKey(deal));
        Assert.Contains(_hubspot.Requests, r => r.Method == "DELETE" && r.PathAndQuery == $"/crm/v3/objects/notes/{note}");
    }

    [Fact]
    public async Task DeleteAsync_TokenRefused_ThrowsSessionExpiredAndDeletesNothing()
    {
        var deal = _hubspot.Add("deals", new JsonObject { ["dealname"] = "Renewal" });
        var note = (await WriteBack.WriteAsync(Summaries.For("hubspot", "deals", deal), default))!.NoteId;
        _hubspot.AccessToken = "rotated-by-the-portal-admin";

        var error = await Assert.ThrowsAsync<CrmException>(() => Deletion.DeleteAsync(Tenant, "hubspot", null, note, default));

        Assert.True(error.IsSessionExpired);
        Assert.Single(_hubspot.Objects["notes"]);
    }

    [Fact]
    public async Task DeleteAsync_NoConnection_NotConnectedWithoutCalling()
    {
        var outcome = await Deletion.DeleteAsync("tenant-without-crm", "hubspot", null, "1001", default);

        Assert.Equal(NoteDeletionOutcome.NotConnected, outcome);
        Assert.Empty(_hubspot.Requests);
    }
}
