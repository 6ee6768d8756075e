using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SalesCoach.Api.Tests.Infrastructure;
using SalesCoach.Storage.Database;
using SalesCoach.TestSupport;

namespace SalesCoach.Api.Tests.Privacy;

/// <summary><c>GET|PUT /api/v1/privacy/settings</c>: tenant admins only, per tenant, audited.</summary>
public class PrivacySettingsTests
{
    [Theory, ClassData(typeof(BothStores))]
    public async Task Settings_DefaultsThenSaved_PerTenantAndAudited(StorageProvider provider)
    {
        await using var host = await PrivacyHost.StartAsync(provider);
        var (_, admin) = await host.NewTenantAsync();
        var (_, other) = await host.NewTenantAsync("Other");

        var defaults = await admin.GetFromJsonAsync<JsonElement>("/api/v1/privacy/settings");
        Assert.False(defaults.GetProperty("consentRequired").GetBoolean());
        Assert.Equal(365, defaults.GetProperty("retentionDays").GetInt32());
        Assert.True(defaults.GetProperty("isDefault").GetBoolean());

        var saved = await admin.PutAsJsonAsync("/api/v1/privacy/settings", new { consentRequired = true, retentionDays = (int?)null });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var read = await admin.GetFromJsonAsync<JsonElement>("/api/v1/privacy/settings");
        Assert.True(read.GetProperty("consentRequired").GetBoolean());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("retentionDays").ValueKind);
        Assert.False(read.GetProperty("isDefault").GetBoolean());
        Assert.True((await other.GetFromJsonAsync<JsonElement>("/api/v1/privacy/settings")).GetProperty("isDefault").GetBoolean());
        Assert.Contains(await host.AuditAsync(admin), e => e is ("privacy.settings_updated", "consentRequired=true retentionDays=off"));
        Assert.DoesNotContain(await host.AuditAsync(other), e => e.Action.StartsWith("privacy.", StringComparison.Ordinal));

        // Retention off: nothing to run.
        await ProblemAssert.IsProblemAsync(await admin.PostAsync("/api/v1/privacy/retention/run", null), HttpStatusCode.Conflict);
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task Settings_MissingFieldOrOutOfRange_ProblemAndUnchanged(StorageProvider provider)
    {
        await using var host = await PrivacyHost.StartAsync(provider);
        var (_, admin) = await host.NewTenantAsync();

        // A forgotten retentionDays must not read as "off".
        var missing = await ProblemAssert.IsProblemAsync(
            await admin.PutAsJsonAsync("/api/v1/privacy/settings", new { consentRequired = true }), HttpStatusCode.BadRequest);
        Assert.Contains("retentionDays", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(
            await admin.PutAsJsonAsync("/api/v1/privacy/settings", new { consentRequired = true, retentionDays = 0 }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(
            await admin.PutAsJsonAsync("/api/v1/privacy/settings", new { consentRequired = true, retentionDays = 3651 }), HttpStatusCode.BadRequest);

        Assert.True((await admin.GetFromJsonAsync<JsonElement>("/api/v1/privacy/settings")).GetProperty("isDefault").GetBoolean());
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task Privacy_RepOrAnonymous_CannotReadChangeExportOrErase(StorageProvider provider)
    {
        await using var host = await PrivacyHost.StartAsync(provider);
        var (tenantId, admin) = await host.NewTenantAsync();
        var content = await Footprint.ContentAsync(admin);
        await Footprint.CallAsync(admin, content, "contact-1", "rep-1", "Zanzibar");
        using var rep = await host.RepClientAsync(tenantId);
        using var anonymous = host.CreateClient();
        var subject = new { recordId = "contact-1" };

        foreach (var (client, status) in new[] { (rep, HttpStatusCode.Forbidden), (anonymous, HttpStatusCode.Unauthorized) })
        {
            Assert.Equal(status, (await client.GetAsync("/api/v1/privacy/settings")).StatusCode);
            Assert.Equal(status, (await client.PutAsJsonAsync("/api/v1/privacy/settings", new { consentRequired = false, retentionDays = 1 })).StatusCode);
            Assert.Equal(status, (await client.PostAsJsonAsync("/api/v1/privacy/export", subject)).StatusCode);
            Assert.Equal(status, (await client.PostAsJsonAsync("/api/v1/privacy/erasure", subject)).StatusCode);
            Assert.Equal(status, (await client.PostAsync("/api/v1/privacy/retention/run", null)).StatusCode);
        }

        // The rep's key works where reps belong.
        Assert.Equal(HttpStatusCode.OK, (await rep.GetAsync("/api/v1/playbook")).StatusCode);
        Assert.Equal(1, await host.CountAsync("coaching_interactions", tenantId));
        Assert.True((await admin.GetFromJsonAsync<JsonElement>("/api/v1/privacy/settings")).GetProperty("isDefault").GetBoolean());
    }
}
