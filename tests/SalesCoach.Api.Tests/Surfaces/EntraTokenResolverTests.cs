using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Tests.Surfaces;

public sealed class EntraTokenResolverTests(EntraTokenResolverTests.EntraFactory factory) : IClassFixture<EntraTokenResolverTests.EntraFactory>
{
    private const string Audience = "api://salescoach-test";
    private const string EntraTenant = "0f0e0d0c-0b0a-4909-8807-060504030201";

    [Fact]
    public async Task Bearer_ValidEntraTokenOfAConnectedTenant_IsAccepted()
    {
        var tenantId = await ConnectedTenantAsync();

        using var client = factory.CreateClient(factory.Provider.Mint(EntraTenant, Audience));
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");

        Assert.Equal(tenantId, me.GetProperty("tenantId").GetString());
        Assert.Equal("entra:11111111-2222-3333-4444-555555555555", me.GetProperty("userId").GetString());
    }

    [Fact]
    public async Task Bearer_WrongAudienceIssuerLifetimeKeyOrTenant_IsRejected()
    {
        await ConnectedTenantAsync();
        using var otherKey = RSA.Create(2048);
        var provider = factory.Provider;
        var rejected = new Dictionary<string, string>
        {
            ["wrong audience"] = provider.Mint(EntraTenant, "api://someone-else"),
            ["issuer of another tenant"] = provider.Mint(EntraTenant, Audience, issuer: provider.IssuerFor("99999999-0000-4000-8000-000000000000")),
            ["issuer of another authority"] = provider.Mint(EntraTenant, Audience, issuer: $"https://login.microsoftonline.com/{EntraTenant}/v2.0"),
            ["expired"] = provider.Mint(EntraTenant, Audience, expires: DateTime.UtcNow.AddMinutes(-10)),
            ["unknown key"] = provider.Mint(EntraTenant, Audience, key: otherKey, keyId: "not-in-jwks"),
            ["known kid, wrong key"] = provider.Mint(EntraTenant, Audience, key: otherKey),
            ["unmapped tenant"] = provider.Mint("abababab-cdcd-4efe-8f8f-121212121212", Audience),
            ["JWE (5 parts)"] = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00iLCJ6aXAiOiJERUYifQ.a2V5.aXY.Y2lwaGVy.dGFn",
            ["unsigned"] = string.Join('.', provider.Mint(EntraTenant, Audience).Split('.')[..2]) + ".",
        };

        foreach (var (name, token) in rejected)
        {
            using var client = factory.CreateClient(token);
            var response = await client.GetAsync("/api/v1/me");
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Bearer_OversizedToken_IsRejectedBeforeParsing()
    {
        await ConnectedTenantAsync();
        var valid = factory.Provider.Mint(EntraTenant, Audience);
        var parts = valid.Split('.');
        var padded = $"{parts[0]}.{parts[1]}{new string('A', 7000)}.{parts[2]}";

        using var client = factory.CreateClient(padded);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    private async Task<string> ConnectedTenantAsync()
    {
        var store = (CrmConnectionStore)factory.Services.GetService(typeof(CrmConnectionStore))!;
        if (await store.FindByOrgAsync(CrmKinds.Dynamics, EntraTenant) is { } existing)
        {
            return existing.TenantId;
        }

        var (tenantId, _) = await factory.CreateTenantAsync("Dynamics tenant");
        await factory.ConnectAsync(tenantId, CrmKinds.Dynamics, EntraTenant);
        return tenantId;
    }

    public sealed class EntraFactory : SurfacesFactory
    {
        public FakeOpenIdProvider Provider { get; } = new();

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Dynamics:Authority"] = Provider.Authority,
            ["Dynamics:Audience"] = Audience,
        };

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Provider.DisposeAsync();
        }
    }
}
