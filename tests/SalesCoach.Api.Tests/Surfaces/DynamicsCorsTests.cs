using System.Net;

namespace SalesCoach.Api.Tests.Surfaces;

public sealed class DynamicsCorsTests(SurfacesFactory factory) : IClassFixture<SurfacesFactory>
{
    [Theory]
    [InlineData("https://contoso.crm.dynamics.com", true)]
    [InlineData("https://contoso-dev.crm4.dynamics.com", true)]
    [InlineData("https://contoso.crm.dynamics.com.evil.example", false)]
    [InlineData("http://contoso.crm.dynamics.com", false)]
    [InlineData("https://evil.example", false)]
    public async Task Preflight_FromOrigin_IsAllowedOnlyForDataverseApps(string origin, bool allowed)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/me");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "authorization");

        var response = await client.SendAsync(request);

        Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Single() == origin);
        if (allowed)
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
        }
    }
}
