using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SalesCoach.Api.Tests.Infrastructure;

namespace SalesCoach.Api.Tests.Admin;

public sealed class HostEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_StoreMigrated_Answers200(string path)
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_Document_ListsTheAdminAndMeRoutes()
    {
        using var client = factory.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/admin/tenants", out _));
        Assert.True(paths.TryGetProperty("/api/v1/me", out _));
    }

    [Fact]
    public async Task Me_DemoKey_ReturnsDemoTenant()
    {
        using var client = factory.CreateClient(ApiFactory.DemoKey);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");

        Assert.Equal("demo", me.GetProperty("tenantId").GetString());
    }

    [Fact]
    public async Task UnknownRoute_Is404Problem()
    {
        using var client = factory.CreateClient(ApiFactory.DemoKey);

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound);
    }
}
