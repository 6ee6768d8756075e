using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dapper;
using SalesCoach.Api.Tests.Infrastructure;

namespace SalesCoach.Api.Tests.Admin;

public sealed class AdminApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task CreateTenant_WithOperatorKey_ReturnsKeyThatIdentifiesTheTenant()
    {
        using var operatorClient = factory.CreateClient(ApiFactory.OperatorKey);

        var response = await operatorClient.PostAsJsonAsync("/api/v1/admin/tenants", new { name = "Acme Corp" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<CreatedBody>())!;
        Assert.StartsWith("sc_", created.ApiKey);
        using var tenantClient = factory.CreateClient(created.ApiKey);
        var me = (await tenantClient.GetFromJsonAsync<MeBody>("/api/v1/me"))!;
        Assert.Equal(created.Id, me.TenantId);
        Assert.Equal("admin", me.Role);
    }

    [Fact]
    public async Task CreateTenant_WithTenantKey_IsForbidden()
    {
        using var demo = factory.CreateClient(ApiFactory.DemoKey);

        var response = await demo.PostAsJsonAsync("/api/v1/admin/tenants", new { name = "Sneaky" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(0, await CountTenantsNamedAsync("Sneaky"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sc_not_a_real_key_000000000000")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task CreateTenant_WithoutValidCredential_IsUnauthorizedAndWritesNothing(string? credential)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/tenants")
        {
            Content = JsonContent.Create(new { name = "Nobody" }),
        };
        if (credential is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", credential.StartsWith("Basic", StringComparison.Ordinal) ? credential : $"Bearer {credential}");
        }

        var response = await client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(0, await CountTenantsNamedAsync("Nobody"));
    }

    [Theory]
    [InlineData("{\"name\": ", HttpStatusCode.BadRequest)]
    [InlineData("{\"name\": 42}", HttpStatusCode.BadRequest)]
    [InlineData("[\"name\"]", HttpStatusCode.BadRequest)]
    [InlineData("{\"name\": \"\"}", HttpStatusCode.BadRequest)]
    [InlineData("{}", HttpStatusCode.BadRequest)]
    public async Task CreateTenant_BadBody_IsProblemAndWritesNothing(string body, HttpStatusCode status)
    {
        using var operatorClient = factory.CreateClient(ApiFactory.OperatorKey);
        var before = await CountTenantsAsync();

        var response = await operatorClient.PostAsync("/api/v1/admin/tenants", new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, status);
        Assert.Equal(before, await CountTenantsAsync());
    }

    [Fact]
    public async Task CreateTenant_NameTooLong_IsValidationProblem()
    {
        using var operatorClient = factory.CreateClient(ApiFactory.OperatorKey);

        var response = await operatorClient.PostAsJsonAsync("/api/v1/admin/tenants", new { name = new string('x', 201) });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task CreateTenant_OversizedBody_Is413AndWritesNothing()
    {
        using var operatorClient = factory.CreateClient(ApiFactory.OperatorKey);
        var before = await CountTenantsAsync();
        var huge = "{\"name\": \"" + new string('a', 2 * 1024 * 1024) + "\"}";

        var response = await operatorClient.PostAsync("/api/v1/admin/tenants", new StringContent(huge, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await CountTenantsAsync());
    }

    [Fact]
    public async Task CreateTenant_WrongContentType_IsUnsupportedMediaType()
    {
        using var operatorClient = factory.CreateClient(ApiFactory.OperatorKey);

        var response = await operatorClient.PostAsync("/api/v1/admin/tenants", new StringContent("name=x", Encoding.UTF8, "text/plain"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    private async Task<long> CountTenantsAsync()
    {
        await using var connection = await factory.Store.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM tenants");
    }

    private async Task<long> CountTenantsNamedAsync(string name)
    {
        await using var connection = await factory.Store.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM tenants WHERE name = @name", new { name });
    }

    private sealed record CreatedBody(string Id, string Name, string ApiKey);

    private sealed record MeBody(string? TenantId, string UserId, string Role);
}
