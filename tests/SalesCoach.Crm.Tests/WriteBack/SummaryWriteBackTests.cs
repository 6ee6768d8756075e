using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesCoach.Crm.Dataverse;
using SalesCoach.Crm.Tests.Dataverse;
using SalesCoach.Crm.Tests.Fakes;
using SalesCoach.Crm.WriteBack;

namespace SalesCoach.Crm.Tests.WriteBack;

/// <summary>The whole write-back: summary -> rendered note -> the right CRM record, through the real clients and fakes.</summary>
public sealed class SummaryWriteBackTests : IAsyncLifetime
{
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
        _connections.Targets[("tenant-a", "salesforce")] = new CrmTarget("salesforce", "00D000000000001", _salesforce.BaseUri, _salesforce.AccessToken);
        _connections.Targets[("tenant-a", "dynamics")] = new CrmTarget("dynamics", "entra-tenant-a", _dataverse.BaseUri, null);
        _connections.Targets[("tenant-a", "hubspot")] = new CrmTarget("hubspot", "4242", null, _hubspot.AccessToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Task.WhenAll(_salesforce.DisposeAsync().AsTask(), _dataverse.DisposeAsync().AsTask(), _hubspot.DisposeAsync().AsTask());
    }

    private SummaryWriteBack WriteBack => _services.GetRequiredService<SummaryWriteBack>();

    [Fact]
    public async Task WriteAsync_SalesforceOpportunity_CreatesOneCompletedTaskThenUpdatesOrSkips()
    {
        var opportunity = _salesforce.Add("Opportunity", new JsonObject { ["Name"] = "Renewal" });
        var summary = Summaries.For("salesforce", "Opportunity", opportunity);

        var first = await WriteBack.WriteAsync(summary, default);
        var again = await WriteBack.WriteAsync(summary, default);
        var changed = await WriteBack.WriteAsync(summary with { NextSteps = ["Demo for IT on Tuesday"] }, default);

        var task = Assert.Single(_salesforce.Records["Task"].Values);
        Assert.Equal((WriteBackOutcome.Created, WriteBackOutcome.Unchanged, WriteBackOutcome.Updated), (first!.Outcome, again!.Outcome, changed!.Outcome));
        Assert.Equal([first.NoteId], new[] { again.NoteId, changed.NoteId }.Distinct());
        Assert.Equal(opportunity, (string?)task["WhatId"]);
        Assert.Equal("Completed", (string?)task["Status"]);
        Assert.Equal("2026-11-20", (string?)task["ActivityDate"]);
        Assert.EndsWith("[SalesCoach int-0001]", (string?)task["Subject"], StringComparison.Ordinal);
        Assert.Contains("Demo for IT on Tuesday", (string?)task["Description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_SalesforceContact_LinksThroughWhoId()
    {
        var contact = _salesforce.Add("Contact", new JsonObject { ["LastName"] = "Ruiz" });

        await WriteBack.WriteAsync(Summaries.For("salesforce", "Contact", contact, "es"), default);

        var task = Assert.Single(_salesforce.Records["Task"].Values);
        Assert.Equal(contact, (string?)task["WhoId"]);
        Assert.Null(task["WhatId"]);
        Assert.StartsWith("Resumen de coaching", (string?)task["Subject"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_SalesforceConcurrentRepeats_StillOneTask()
    {
        var opportunity = _salesforce.Add("Opportunity", new JsonObject { ["Name"] = "Renewal" });
        var summary = Summaries.For("salesforce", "Opportunity", opportunity);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => WriteBack.WriteAsync(summary, default)));

        Assert.Single(_salesforce.Records["Task"]);
    }

    [Fact]
    public async Task WriteAsync_SalesforceTokenExpired_SurfacesSessionExpired()
    {
        var opportunity = _salesforce.Add("Opportunity", new JsonObject { ["Name"] = "Renewal" });
        _salesforce.AccessToken = "refreshed-elsewhere";

        var error = await Assert.ThrowsAsync<CrmException>(() => WriteBack.WriteAsync(Summaries.For("salesforce", "Opportunity", opportunity), default));

        Assert.True(error.IsSessionExpired);
        Assert.False(_salesforce.Records.ContainsKey("Task"));
    }

    [Fact]
    public async Task WriteAsync_DataverseOpportunity_UpsertsOneAnnotationBoundToTheRecord()
    {
        var opportunity = _dataverse.Add("opportunities", new JsonObject { ["name"] = "Renewal" });
        var summary = Summaries.For("dynamics", "opportunity", opportunity.ToString(), "fr");

        var first = await WriteBack.WriteAsync(summary, default);
        var again = await WriteBack.WriteAsync(summary with { NextSteps = [] }, default);

        var (id, note) = Assert.Single(_dataverse.Rows["annotations"]);
        Assert.Equal((WriteBackOutcome.Created, WriteBackOutcome.Updated), (first!.Outcome, again!.Outcome));
        Assert.Equal(DataverseNoteWriter.NoteId("tenant-a", "int-0001"), id);
        Assert.Equal($"/opportunities({opportunity:D})", (string?)note["objectid_opportunity@odata.bind"]);
        Assert.StartsWith("Synthèse de coaching", (string?)note["subject"], StringComparison.Ordinal);
        Assert.Contains("aucune prochaine étape", (string?)note["notetext"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_DataverseUpsertHitsA503_IsRetriedWithoutDuplicating()
    {
        var account = _dataverse.Add("accounts", new JsonObject { ["name"] = "Contoso" });
        _dataverse.Faults.Enqueue(new Fault(503));

        var result = await WriteBack.WriteAsync(Summaries.For("dynamics", "account", account.ToString()), default);

        Assert.Equal(WriteBackOutcome.Created, result!.Outcome);
        Assert.Single(_dataverse.Rows["annotations"]);
        Assert.Equal(2, _dataverse.Count("PATCH", FakeDataverse.ApiPath + "annotations("));
    }

    [Fact]
    public void NoteId_SameInteractionOtherTenant_Differs() =>
        Assert.NotEqual(DataverseNoteWriter.NoteId("tenant-a", "int-1"), DataverseNoteWriter.NoteId("tenant-b", "int-1"));

    [Fact]
    public async Task WriteAsync_HubSpotDeal_CreatesOneAssociatedHtmlNoteThenUpdatesOrSkips()
    {
        var deal = _hubspot.Add("deals", new JsonObject { ["dealname"] = "Renewal" });
        var summary = Summaries.For("hubspot", "deals", deal, "de");

        var first = await WriteBack.WriteAsync(summary, default);
        var again = await WriteBack.WriteAsync(summary, default);
        var changed = await WriteBack.WriteAsync(summary with { Objections = [] }, default);

        var note = Assert.Single(_hubspot.Objects["notes"].Values);
        Assert.Equal((WriteBackOutcome.Created, WriteBackOutcome.Unchanged, WriteBackOutcome.Updated), (first!.Outcome, again!.Outcome, changed!.Outcome));
        Assert.Equal([deal], note.Associations["deals"]);
        Assert.Equal(summary.StartedAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)note.Properties["hs_timestamp"]);
        Assert.StartsWith("<p><strong>Coaching-Zusammenfassung", (string?)note.Properties["hs_note_body"], StringComparison.Ordinal);
        Assert.DoesNotContain("Einwände", (string?)note.Properties["hs_note_body"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_HubSpotTwoInteractionsSameRecord_TwoNotes()
    {
        var contact = _hubspot.Add("contacts", new JsonObject { ["email"] = "ana@example.com" });

        await WriteBack.WriteAsync(Summaries.For("hubspot", "contacts", contact), default);
        await WriteBack.WriteAsync(Summaries.For("hubspot", "contacts", contact, interactionId: "int-0002"), default);

        Assert.Equal(2, _hubspot.Objects["notes"].Count);
    }

    [Fact]
    public async Task WriteAsync_NoConnection_SkipsWithoutCalling()
    {
        var result = await WriteBack.WriteAsync(Summaries.For("hubspot", "deals", "1") with { TenantId = "tenant-without-crm" }, default);

        Assert.Null(result);
        Assert.Empty(_hubspot.Requests);
    }

    [Fact]
    public async Task WriteAsync_InvalidInteractionId_IsRejectedBeforeAnyCall()
    {
        await Assert.ThrowsAsync<System.ComponentModel.DataAnnotations.ValidationException>(() =>
            WriteBack.WriteAsync(Summaries.For("hubspot", "deals", "1", interactionId: "x'; DROP"), default));
        Assert.Empty(_hubspot.Requests);
    }
}
