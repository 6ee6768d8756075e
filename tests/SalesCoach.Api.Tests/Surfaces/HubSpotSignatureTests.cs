using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SalesCoach.Storage.Tenants;
using SalesCoach.TestSupport;

namespace SalesCoach.Api.Tests.Surfaces;

/// <summary>Requests signed by <c>@hubspot/api-client</c>'s helper (run in node) against the /hubspot/ routes.</summary>
public sealed class HubSpotSignatureTests(SurfacesFactory factory) : IClassFixture<SurfacesFactory>
{
    private const string PortalId = "7001";

    [Fact]
    public async Task Ping_SignedByTheHelperForAConnectedPortal_Answers200Connected()
    {
        var (tenantId, _) = await factory.CreateTenantAsync("HubSpot tenant");
        await factory.ConnectAsync(tenantId, CrmKinds.HubSpot, PortalId);

        var response = await SendSignedAsync(factory, HttpMethod.Get, $"/hubspot/ping?userId=42&userEmail=rep%40example.com&portalId={PortalId}", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("connected").GetBoolean());
        Assert.Equal(PortalId, body.GetProperty("portalId").GetString());
    }

    [Fact]
    public async Task Ping_SignedForAnUnconnectedPortal_Answers200NotConnected()
    {
        var response = await SendSignedAsync(factory, HttpMethod.Get, "/hubspot/ping?userId=42&portalId=999999", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connected").GetBoolean());
    }

    [Fact]
    public async Task Ping_UnsignedStaleFutureTamperedOrReplayed_Answers401()
    {
        using var client = factory.CreateClient();
        const string path = $"/hubspot/ping?userId=42&portalId={PortalId}";
        var now = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendSignedAsync(factory, HttpMethod.Get, path, null, now.AddMinutes(-6))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendSignedAsync(factory, HttpMethod.Get, path, null, now.AddMinutes(6))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendSignedAsync(factory, HttpMethod.Get, path, null, signedPath: path.Replace("42", "43"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendSignedAsync(factory, HttpMethod.Get, path, null, secret: "not-the-client-secret-0123456789")).StatusCode);

        var (signature, timestamp) = await HelperSignAsync(SurfacesFactory.ClientSecret, "GET", "http://localhost" + path, "", now);
        Assert.Equal(HttpStatusCode.OK, (await SendWithHeadersAsync(client, HttpMethod.Get, path, null, signature, timestamp)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendWithHeadersAsync(client, HttpMethod.Get, path, null, signature, timestamp)).StatusCode);
    }

    [Fact]
    public async Task HubSpotRoutes_BearerCredential_IsNotAccepted()
    {
        var (_, tenantClient) = await factory.CreateTenantAsync("Bearer tenant");

        Assert.Equal(HttpStatusCode.Unauthorized, (await tenantClient.GetAsync($"/hubspot/ping?userId=1&portalId={PortalId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tenantClient.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Ping_BehindAProxy_VerifiesAgainstThePublicBaseUrl()
    {
        await using var proxied = new PublicBaseUrlFactory();
        await proxied.InitializeAsync();
        const string path = "/hubspot/ping?userId=42&portalId=1";

        var asCalledByHubSpot = await SendSignedAsync(proxied, HttpMethod.Get, path, null, signedBase: "https://coach.example.com/");
        var asSeenLocally = await SendSignedAsync(proxied, HttpMethod.Get, path, null, signedBase: "http://localhost");

        Assert.Equal(HttpStatusCode.OK, asCalledByHubSpot.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asSeenLocally.StatusCode);
    }

    internal static async Task<HttpResponseMessage> SendSignedAsync(
        SurfacesFactory host, HttpMethod method, string path, string? body, DateTimeOffset? at = null,
        string? signedPath = null, string secret = SurfacesFactory.ClientSecret, string signedBase = "http://localhost")
    {
        var (signature, timestamp) = await HelperSignAsync(secret, method.Method, signedBase.TrimEnd('/') + (signedPath ?? path), body ?? "", at ?? DateTimeOffset.UtcNow);
        using var client = host.CreateClient();
        return await SendWithHeadersAsync(client, method, path, body, signature, timestamp);
    }

    internal static async Task<(string Signature, string Timestamp)> HelperSignAsync(string secret, string method, string url, string body, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeMilliseconds();
        var signed = await ConformancePeers.RunAsync("hubspot-signature.mjs", new { mode = "sign", clientSecret = secret, method, url, body, timestamp });
        return (signed.GetProperty("signature").GetString()!, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<HttpResponseMessage> SendWithHeadersAsync(HttpClient client, HttpMethod method, string path, string? body, string signature, string timestamp)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-HubSpot-Signature-v3", signature);
        request.Headers.Add("X-HubSpot-Request-Timestamp", timestamp);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    private sealed class PublicBaseUrlFactory : SurfacesFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["HubSpot:ClientSecret"] = ClientSecret,
            ["HubSpot:PublicBaseUrl"] = "https://coach.example.com",
        };
    }
}
