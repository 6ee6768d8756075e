using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Tests.Surfaces;

/// <summary>The API v1 features the card calls under /hubspot/, each request signed by HubSpot's helper.</summary>
public abstract class HubSpotRoutesTests(SurfacesFactory factory)
{
    private const string Query = "?userId=42&userEmail=rep%40example.com&portalId=";

    [Fact]
    public async Task Interactions_SignedForAConnectedPortal_CreateAndPollInItsTenant()
    {
        var portal = await ConnectedPortalAsync();

        var created = await SendAsync(HttpMethod.Post, "/hubspot/api/v1/interactions" + Query + portal, NewInteraction);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var poll = await SendAsync(HttpMethod.Get, $"/hubspot/api/v1/interactions/{id}/poll{Query}{portal}&after=0", null);
        var recommendations = await SendAsync(HttpMethod.Post, "/hubspot/api/v1/recommendations" + Query + portal,
            $$"""{"interactionId":"{{id}}","context":{"crm":"hubspot","recordType":"deals"},"language":"en","limit":3}""");

        Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        var body = await poll.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Array, body.GetProperty("events").ValueKind);
        Assert.False(body.GetProperty("completed").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, recommendations.StatusCode);
    }

    [Fact]
    public async Task Poll_AfterSegments_ReturnsTheStreamsEventsAfterTheGivenId()
    {
        var portal = await ConnectedPortalAsync();
        var created = await SendAsync(HttpMethod.Post, "/hubspot/api/v1/interactions" + Query + portal, NewInteraction);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var segments = """{"segments":[{"seq":1,"speaker":"rep","text":"So basically our product does everything you need and more, we have many features and customers love it and you will too.","startMs":0,"endMs":40000},{"seq":2,"speaker":"customer","text":"Okay.","startMs":40500,"endMs":41000}]}""";

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, $"/hubspot/api/v1/interactions/{id}/segments{Query}{portal}", segments)).StatusCode);
        var all = await (await SendAsync(HttpMethod.Get, $"/hubspot/api/v1/interactions/{id}/poll{Query}{portal}", null)).Content.ReadFromJsonAsync<JsonElement>();
        var events = all.GetProperty("events").EnumerateArray().ToList();
        Assert.NotEmpty(events);
        var first = events[0].GetProperty("id").GetString()!;
        var after = await (await SendAsync(HttpMethod.Get, $"/hubspot/api/v1/interactions/{id}/poll{Query}{portal}&after={first}", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(events.Count - 1, after.GetProperty("events").GetArrayLength());
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "metrics" && e.GetProperty("data").ValueKind == JsonValueKind.Object);
        var badAfter = await SendAsync(HttpMethod.Get, $"/hubspot/api/v1/interactions/{id}/poll{Query}{portal}&after=-1", null);
        Assert.Equal(HttpStatusCode.BadRequest, badAfter.StatusCode);
    }

    [Fact]
    public async Task Consent_SignedRoutes_ShowTheTenantsSettingAndRecordTheCustomersAnswer()
    {
        var portal = Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (tenantId, admin) = await factory.CreateTenantAsync("HubSpot consent tenant " + portal);
        await factory.ConnectAsync(tenantId, CrmKinds.HubSpot, portal);
        var saved = await admin.PutAsJsonAsync("/api/v1/privacy/settings", new { consentRequired = true, retentionDays = 30 });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var created = await (await SendAsync(HttpMethod.Post, "/hubspot/api/v1/interactions" + Query + portal, NewInteraction)).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString()!;
        var refused = await SendAsync(HttpMethod.Put, $"/hubspot/api/v1/interactions/{id}/consent{Query}{portal}", """{"consent":false}""");
        var read = await (await SendAsync(HttpMethod.Get, $"/hubspot/api/v1/interactions/{id}{Query}{portal}", null)).Content.ReadFromJsonAsync<JsonElement>();
        var segments = await SendAsync(HttpMethod.Post, $"/hubspot/api/v1/interactions/{id}/segments{Query}{portal}",
            """{"segments":[{"seq":1,"speaker":"customer","text":"Please do not record this.","startMs":0,"endMs":2000}]}""");

        Assert.True(created.GetProperty("consentRequired").GetBoolean());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("consent").ValueKind);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.False(read.GetProperty("consent").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, segments.StatusCode);
        Assert.Equal("urn:salescoach:problem:consent-refused", (await segments.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Routes_UnconnectedPortalOrAnotherTenantsInteraction_AreRefused()
    {
        var portal = await ConnectedPortalAsync();
        var (_, otherTenant) = await factory.CreateTenantAsync("Other tenant");
        var foreign = await otherTenant.PostAsJsonAsync("/api/v1/interactions",
            new { crm = "hubspot", recordType = "deals", recordId = "1", repId = "9", language = "en", channel = "call" });
        var foreignId = (await foreign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var unconnected = await SendAsync(HttpMethod.Post, "/hubspot/api/v1/interactions" + Query + "31337", NewInteraction);
        var crossTenant = await SendAsync(HttpMethod.Get, $"/hubspot/api/v1/interactions/{foreignId}/poll{Query}{portal}", null);

        Assert.Equal(HttpStatusCode.Forbidden, unconnected.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, crossTenant.StatusCode);
    }

    private const string NewInteraction = """{"crm":"hubspot","recordType":"deals","recordId":"9001","repId":"42","language":"en","channel":"call"}""";

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body) =>
        HubSpotSignatureTests.SendSignedAsync(factory, method, path, body, signedPath: path.Replace("%40", "@", StringComparison.Ordinal));

    private async Task<string> ConnectedPortalAsync()
    {
        var portal = Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (tenantId, _) = await factory.CreateTenantAsync("HubSpot routes tenant " + portal);
        await factory.ConnectAsync(tenantId, CrmKinds.HubSpot, portal);
        return portal;
    }
}

public sealed class SqliteHubSpotRoutesTests(SurfacesFactory factory) : HubSpotRoutesTests(factory), IClassFixture<SurfacesFactory>;

public sealed class PostgresHubSpotRoutesTests(PostgresSurfacesFactory factory) : HubSpotRoutesTests(factory), IClassFixture<PostgresSurfacesFactory>;
