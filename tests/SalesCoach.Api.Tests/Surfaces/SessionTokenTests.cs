using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SalesCoach.Api.Surfaces;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Tests.Surfaces;

public sealed class SessionTokenTests(SurfacesFactory factory) : IClassFixture<SurfacesFactory>
{
    [Fact]
    public async Task Bearer_GenuineToken_ActsAsItsTenantAndUser()
    {
        var (tenantId, _) = await factory.CreateTenantAsync("Session tenant");
        var token = Tokens().Mint(new SessionClaims(tenantId, "salesforce:005x", Roles.Rep, CrmKinds.Salesforce, "Opportunity", "006x"));

        using var client = factory.CreateClient(token.Token);
        var me = await client.GetStringAsync("/api/v1/me");

        Assert.Contains(tenantId, me);
        Assert.InRange(token.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), SessionTokens.Lifetime);
    }

    [Fact]
    public async Task Bearer_TamperedOrForeignToken_Answers401()
    {
        var token = Tokens().Mint(new SessionClaims("t1", "u", Roles.Rep, CrmKinds.HubSpot, null, null)).Token;
        var tampered = token[..^3] + (token[^3] == 'x' ? 'y' : 'x') + token[^2..];

        foreach (var credential in new[] { tampered, SessionTokens.Prefix + "bm90LWEtdG9rZW4", SessionTokens.Prefix })
        {
            using var client = factory.CreateClient(credential);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        }
    }

    [Fact]
    public void Read_AfterItsLifetime_IsRefused()
    {
        var time = new SalesCoach.TestSupport.SettableTimeProvider(DateTimeOffset.UtcNow);
        var tokens = new SessionTokens(factory.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(), time);
        var token = tokens.Mint(new SessionClaims("t1", "u", Roles.Rep, CrmKinds.Dynamics, null, null)).Token;

        time.Advance(SessionTokens.Lifetime - TimeSpan.FromSeconds(1));
        Assert.NotNull(tokens.Read(token));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(tokens.Read(token));
    }

    private SessionTokens Tokens() => factory.Services.GetRequiredService<SessionTokens>();
}
