using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Client;
using SalesCoach.Crm.Dataverse;
using SalesCoach.Crm.Tests.Fakes;

namespace SalesCoach.Crm.Tests.Dataverse;

/// <summary>MSAL's real confidential client against a local Entra token endpoint (HTTPS on 127.0.0.1).</summary>
public sealed class MsalAccessTokenSourceTests : IAsyncLifetime
{
    private readonly FakeEntraTokenEndpoint _entra = new();

    public async ValueTask InitializeAsync() => await _entra.StartAsync();

    public async ValueTask DisposeAsync() => await _entra.DisposeAsync();

    private Dictionary<string, string?> Settings(string secret = "s3cret") => new()
    {
        ["Crm:Dataverse:Enabled"] = "true",
        ["Crm:Dataverse:ClientId"] = "11111111-2222-3333-4444-555555555555",
        ["Crm:Dataverse:ClientSecret"] = secret,
        ["Crm:Dataverse:AuthorityHost"] = _entra.BaseUri.ToString(),
        ["Crm:Dataverse:ValidateAuthority"] = "false",
    };

    private ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var provider = CrmTestHost.Create(settings, configure: s => s.AddSingleton<IMsalHttpClientFactory>(_entra));
        return provider;
    }

    [Fact]
    public async Task GetTokenAsync_ClientCredentials_AsksTheCustomersTenantForTheEnvironmentScopeAndCaches()
    {
        await using var services = Services(Settings());
        var source = services.GetRequiredService<IAccessTokenSource>();
        var environment = new Uri("https://contoso.crm.dynamics.com/");

        var first = await source.GetTokenAsync("tenant-a", environment, default);
        var cached = await source.GetTokenAsync("tenant-a", environment, default);
        var other = await source.GetTokenAsync("tenant-b", environment, default);

        Assert.Equal((_entra.TokenFor("tenant-a", 1), _entra.TokenFor("tenant-a", 1), _entra.TokenFor("tenant-b", 2)), (first, cached, other));
        Assert.Equal(["/tenant-a/oauth2/v2.0/token", "/tenant-b/oauth2/v2.0/token"], _entra.Requests.Select(r => r.Path));
        var form = _entra.Requests.First().Form;
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("11111111-2222-3333-4444-555555555555", form["client_id"]);
        Assert.Equal("https://contoso.crm.dynamics.com/.default", form["scope"]);
    }

    [Fact]
    public async Task GetTokenAsync_WrongSecret_ThrowsForbiddenWithEntraCode()
    {
        await using var services = Services(Settings("wrong"));

        var error = await Assert.ThrowsAsync<CrmException>(() =>
            services.GetRequiredService<IAccessTokenSource>().GetTokenAsync("tenant-a", new Uri("https://contoso.crm.dynamics.com/"), default));

        Assert.Equal(CrmErrorKind.Forbidden, error.Kind);
        Assert.Equal("invalid_client", error.ErrorCode);
    }

    [Fact]
    public async Task DataverseClient_WithMsal_SendsTheIssuedTokenToTheEnvironment()
    {
        await using var dataverse = new FakeDataverse { AccessToken = _entra.TokenFor("tenant-a", 1) };
        await dataverse.StartAsync();
        await using var services = Services(Settings());
        var id = dataverse.Add("accounts", new JsonObject { ["name"] = "Contoso" });

        var row = await services.GetRequiredService<DataverseClient>().GetRecordAsync(new DataverseConnection(dataverse.BaseUri, "tenant-a"), "accounts", id, ["name"], default);

        Assert.Equal("Contoso", row.GetProperty("name").GetString());
        Assert.Equal($"{dataverse.BaseUri.GetLeftPart(UriPartial.Authority)}/.default", _entra.Requests.Single().Form["scope"]);
    }

    [Fact]
    public async Task GetTokenAsync_DataverseNotEnabled_ThrowsWithoutCallingEntra()
    {
        await using var services = Services(new Dictionary<string, string?>());

        var error = await Assert.ThrowsAsync<CrmException>(() =>
            services.GetRequiredService<IAccessTokenSource>().GetTokenAsync("tenant-a", new Uri("https://contoso.crm.dynamics.com/"), default));

        Assert.Equal("not_configured", error.ErrorCode);
        Assert.Empty(_entra.Requests);
    }
}
