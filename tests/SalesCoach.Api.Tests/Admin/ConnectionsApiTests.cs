using System.Net;
using System.Net.Http.Json;
using SalesCoach.Api.Tests.Infrastructure;

namespace SalesCoach.Api.Tests.Admin;

/// <summary>Tenant isolation over HTTP, on both stores: one tenant's CRM connections are invisible and untouchable to another.</summary>
public abstract class ConnectionsApiTests(ApiFactory factory)
{
    [Fact]
    public async Task Connections_TwoTenants_NeitherSeesNorChangesTheOthers()
    {
        var (_, alice) = await factory.CreateTenantAsync("Alice Inc");
        var (_, bob) = await factory.CreateTenantAsync("Bob Ltd");
        var orgId = "00D" + Guid.NewGuid().ToString("N")[..12];

        var connected = await alice.PutAsJsonAsync("/api/v1/connections/salesforce", new { orgId, displayName = "Alice prod" });
        Assert.Equal(HttpStatusCode.OK, connected.StatusCode);

        Assert.Empty((await bob.GetFromJsonAsync<List<ConnectionBody>>("/api/v1/connections"))!);
        var stolen = await bob.PutAsJsonAsync("/api/v1/connections/salesforce", new { orgId });
        await ProblemAssert.IsProblemAsync(stolen, HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await bob.DeleteAsync("/api/v1/connections/salesforce"), HttpStatusCode.NotFound);

        var aliceConnections = (await alice.GetFromJsonAsync<List<ConnectionBody>>("/api/v1/connections"))!;
        Assert.Equal(orgId, Assert.Single(aliceConnections).OrgId);
    }

    [Fact]
    public async Task Connect_UnknownCrmOrBadUrl_IsValidationProblemAndWritesNothing()
    {
        var (_, tenant) = await factory.CreateTenantAsync("Carol GmbH");

        await ProblemAssert.IsProblemAsync(
            await tenant.PutAsJsonAsync("/api/v1/connections/zoho", new { orgId = "1" }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(
            await tenant.PutAsJsonAsync("/api/v1/connections/hubspot", new { orgId = "1", instanceUrl = "not a url" }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(
            await tenant.PutAsJsonAsync("/api/v1/connections/hubspot", new { orgId = new string('9', 201) }), HttpStatusCode.BadRequest);

        Assert.Empty((await tenant.GetFromJsonAsync<List<ConnectionBody>>("/api/v1/connections"))!);
    }

    [Fact]
    public async Task Connections_OperatorKey_HasNoTenantAndIsForbidden()
    {
        using var operatorClient = factory.CreateClient(ApiFactory.OperatorKey);

        await ProblemAssert.IsProblemAsync(await operatorClient.GetAsync("/api/v1/connections"), HttpStatusCode.Forbidden);
    }

    private sealed record ConnectionBody(string Crm, string OrgId, string? DisplayName);
}

public sealed class SqliteConnectionsApiTests(ApiFactory factory) : ConnectionsApiTests(factory), IClassFixture<ApiFactory>;

public sealed class PostgresConnectionsApiTests(PostgresApiFactory factory) : ConnectionsApiTests(factory), IClassFixture<PostgresApiFactory>;
