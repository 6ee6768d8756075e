using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SalesCoach.Api.Tests.Surfaces;

public sealed class SandboxTests(SandboxTests.SandboxFactory factory) : IClassFixture<SandboxTests.SandboxFactory>
{
    [Fact]
    public async Task Root_WhenEnabled_ServesTheSandboxFramableOnlyByItself()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("http://localhost", SalesforceCanvasTests.FrameAncestors(response));
        Assert.Contains("/adapters/hubspot/card.js", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/sandbox/sandbox.js")).StatusCode);
        Assert.Equal("application/x-ndjson", (await client.GetAsync("/sandbox/demo-call.jsonl")).Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SignedRequest_PostedToTheCanvas_OpensTheDemoOrgsPageFramableByTheSandbox()
    {
        using var client = factory.CreateClient();

        var answer = await client.PostAsJsonAsync("/sandbox/salesforce/signed-request", new { language = "de", interactionId = (string?)null });
        var signedRequest = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("signedRequest").GetString()!;
        var canvas = await SalesforceCanvasTests.PostCanvasAsync(client, signedRequest);

        Assert.Equal(HttpStatusCode.OK, canvas.StatusCode);
        Assert.EndsWith("http://localhost", SalesforceCanvasTests.FrameAncestors(canvas));
        var config = SalesforceCanvasTests.Config(await canvas.Content.ReadAsStringAsync());
        Assert.Equal("de", config.GetProperty("signedRequest").GetProperty("context").GetProperty("user").GetProperty("language").GetString());
    }

    [Fact]
    public async Task CanvasOfARealOrg_IsNotFramableByTheSandbox()
    {
        var (tenantId, _) = await factory.CreateTenantAsync("Real org tenant");
        await factory.ConnectAsync(tenantId, "salesforce", "00D5e0000001REALAA");
        using var client = factory.CreateClient();

        var canvas = await SalesforceCanvasTests.PostCanvasAsync(
            client, SalesforceCanvasTests.Sign(SalesforceCanvasTests.Envelope("00D5e0000001REALAA"), SurfacesFactory.ConsumerSecret));

        Assert.Equal(HttpStatusCode.OK, canvas.StatusCode);
        Assert.DoesNotContain("localhost", SalesforceCanvasTests.FrameAncestors(canvas));
    }

    [Theory]
    [InlineData("https://evil.example/hubspot/ping?portalId=456789&userId=1")]
    [InlineData("http://localhost/api/v1/me?portalId=456789")]
    [InlineData("http://localhost/hubspot/ping?portalId=1&userId=1")]
    public async Task HubSpotProxy_UrlOutsideTheDemoPortalsRoutes_IsRefused(string url)
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/sandbox/hubspot/fetch", new { method = "GET", url, body = (string?)null });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Sandbox_WhenNotEnabled_IsNotMapped()
    {
        await using var off = new SurfacesFactory();
        await off.InitializeAsync();
        using var client = off.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/sandbox/session", new { crm = "hubspot" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sandbox/sandbox.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/surfaces/message.css")).StatusCode);
    }

    public sealed class SandboxFactory : SurfacesFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Sandbox:Enabled"] = "true",
        };
    }
}
