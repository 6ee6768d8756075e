using System.Net;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Tests.Surfaces;

/// <summary>Secrets and tokens that pass through a canvas POST and a HubSpot call never reach a log line or a URL.</summary>
public sealed class SecretsInLogsTests(SurfacesFactory factory) : IClassFixture<SurfacesFactory>
{
    [Fact]
    public async Task CanvasAndHubSpotCalls_NeverLogSecretsOrTokens()
    {
        var (tenantId, _) = await factory.CreateTenantAsync("Logging tenant");
        await factory.ConnectAsync(tenantId, CrmKinds.Salesforce, "00D5e0000001LOGSAA");
        await factory.ConnectAsync(tenantId, CrmKinds.HubSpot, "8080");
        using var client = factory.CreateClient();
        const string oauthToken = "00D!oauth-secret-token-VALUE-xyz";
        var signedRequest = SalesforceCanvasTests.Sign(SalesforceCanvasTests.Envelope("00D5e0000001LOGSAA", oauthToken), SurfacesFactory.ConsumerSecret);
        var forged = SalesforceCanvasTests.Sign(SalesforceCanvasTests.Envelope("00D5e0000001LOGSAA", oauthToken), "forged-secret-0123456789");

        var canvas = await SalesforceCanvasTests.PostCanvasAsync(client, signedRequest);
        var refused = await SalesforceCanvasTests.PostCanvasAsync(client, forged);
        var sessionToken = SalesforceCanvasTests.Config(await canvas.Content.ReadAsStringAsync()).GetProperty("sessionToken").GetString()!;
        using var api = factory.CreateClient(sessionToken);
        var me = await api.GetAsync("/api/v1/me");
        var (signature, _) = await HubSpotSignatureTests.HelperSignAsync(SurfacesFactory.ClientSecret, "GET", "http://localhost/hubspot/ping?userId=7&portalId=8080", "", DateTimeOffset.UtcNow);
        var ping = await HubSpotSignatureTests.SendSignedAsync(factory, HttpMethod.Get, "/hubspot/ping?userId=7&portalId=8080", null);
        var stale = await HubSpotSignatureTests.SendSignedAsync(factory, HttpMethod.Get, "/hubspot/ping?userId=7&portalId=8080", null, DateTimeOffset.UtcNow.AddHours(-1));

        Assert.Equal(HttpStatusCode.OK, canvas.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Null(canvas.Headers.Location);
        factory.Logs.AssertNeverContains(
            SurfacesFactory.ConsumerSecret, SurfacesFactory.ClientSecret, oauthToken, sessionToken, sessionToken[^20..],
            signedRequest[..20], signedRequest[^30..], forged[..20], signature);
        Assert.Contains(factory.Logs.Lines, line => line.Contains("Refused a canvas signed request: BadSignature", StringComparison.Ordinal));
        Assert.Contains(factory.Logs.Lines, line => line.Contains("Refused a HubSpot request", StringComparison.Ordinal));
    }
}
