using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesCoach.Crm.Tests.Fakes;
using SalesCoach.Crm.WriteBack;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Tenants;
using SalesCoach.TestSupport;

namespace SalesCoach.Crm.Tests.WriteBack;

/// <summary>The default wiring end to end: tenant's CRM connection and sealed token in the store -> write-back to the fake.</summary>
public sealed class StoredConnectionWriteBackTests
{
    [Theory, ClassData(typeof(BothStores))]
    public async Task WriteAsync_StoredSalesforceConnectionAndUserToken_WritesTheTask(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new CrmMigrations());
        await using var fake = new FakeSalesforce();
        await fake.StartAsync();
        await using var services = CrmTestHost.Create(store: store);
        var (tenant, _) = await services.GetRequiredService<TenantStore>().CreateAsync("Acme Corp");
        await services.GetRequiredService<CrmConnectionStore>().ConnectAsync(tenant.Id, CrmKinds.Salesforce, "00D000000000001EAA", "Acme", fake.BaseUri.ToString());
        await services.GetRequiredService<CrmTokenStore>().SaveAsync(tenant.Id, CrmKinds.Salesforce, "005000000000001AAA", fake.AccessToken, null, default);
        var opportunity = fake.Add("Opportunity", new JsonObject { ["Name"] = "Renewal" });
        var summary = Summaries.For(CrmKinds.Salesforce, "Opportunity", opportunity) with { TenantId = tenant.Id, CrmUserId = "005000000000001AAA" };

        var result = await services.GetRequiredService<SummaryWriteBack>().WriteAsync(summary, default);

        Assert.Equal(WriteBackOutcome.Created, result!.Outcome);
        Assert.Equal(opportunity, (string?)Assert.Single(fake.Records["Task"].Values)["WhatId"]);
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task WriteAsync_NoTokenForThatUser_ThrowsSessionExpiredWithoutCalling(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new CrmMigrations());
        await using var fake = new FakeSalesforce();
        await fake.StartAsync();
        await using var services = CrmTestHost.Create(store: store);
        var (tenant, _) = await services.GetRequiredService<TenantStore>().CreateAsync("Acme Corp");
        await services.GetRequiredService<CrmConnectionStore>().ConnectAsync(tenant.Id, CrmKinds.Salesforce, "00D000000000001EAA", "Acme", fake.BaseUri.ToString());
        await services.GetRequiredService<CrmTokenStore>().SaveAsync(tenant.Id, CrmKinds.Salesforce, "005000000000001AAA", fake.AccessToken, null, default);
        var summary = Summaries.For(CrmKinds.Salesforce, "Opportunity", "006000000000001AAA") with { TenantId = tenant.Id, CrmUserId = "005000000000002AAA" };

        var error = await Assert.ThrowsAsync<CrmException>(() => services.GetRequiredService<SummaryWriteBack>().WriteAsync(summary, default));

        Assert.True(error.IsSessionExpired);
        Assert.Empty(fake.Requests);
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task WriteAsync_OtherTenantsConnection_IsNeverUsed(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new CrmMigrations());
        await using var fake = new FakeHubSpot();
        await fake.StartAsync();
        await using var services = CrmTestHost.Create(new Dictionary<string, string?> { ["Crm:HubSpot:BaseUrl"] = fake.BaseUri.ToString() }, store: store);
        var tenants = services.GetRequiredService<TenantStore>();
        var (owner, _) = await tenants.CreateAsync("Owner");
        var (other, _) = await tenants.CreateAsync("Other");
        await services.GetRequiredService<CrmConnectionStore>().ConnectAsync(owner.Id, CrmKinds.HubSpot, "4242", "Portal", null);
        await services.GetRequiredService<CrmTokenStore>().SaveAsync(owner.Id, CrmKinds.HubSpot, null, fake.AccessToken, null, default);
        var deal = fake.Add("deals", new JsonObject());

        var skipped = await services.GetRequiredService<SummaryWriteBack>().WriteAsync(Summaries.For(CrmKinds.HubSpot, "deals", deal) with { TenantId = other.Id }, default);
        var written = await services.GetRequiredService<SummaryWriteBack>().WriteAsync(Summaries.For(CrmKinds.HubSpot, "deals", deal) with { TenantId = owner.Id }, default);

        Assert.Null(skipped);
        Assert.Equal(WriteBackOutcome.Created, written!.Outcome);
    }
}
