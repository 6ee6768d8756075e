using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SalesCoach.Api.Tests.Surfaces;

/// <summary>
/// A stand-in for Entra ID on 127.0.0.1: multi-tenant OpenID metadata (issuer with the {tenantid}
/// placeholder, as Entra's "organizations" endpoint has it) and a JWKS with one RSA key; tokens minted here.
/// </summary>
public sealed class FakeOpenIdProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);

    public FakeOpenIdProvider()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/organizations/v2.0/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = BaseUrl + "/{tenantid}/v2.0",
            ["jwks_uri"] = BaseUrl + "/discovery/v2.0/keys",
            ["authorization_endpoint"] = BaseUrl + "/organizations/oauth2/v2.0/authorize",
            ["token_endpoint"] = BaseUrl + "/organizations/oauth2/v2.0/token",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        _app.MapGet("/discovery/v2.0/keys", () =>
        {
            var parameters = _rsa.ExportParameters(false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", kid = KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
                },
            });
        });
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
    }

    public const string KeyId = "test-key-1";

    public string BaseUrl { get; }

    public string Authority => BaseUrl + "/organizations/v2.0";

    public string IssuerFor(string tenantId) => $"{BaseUrl}/{tenantId}/v2.0";

    public string Mint(string tenantId, string audience, string? issuer = null, DateTime? expires = null, RSA? key = null, string keyId = KeyId)
    {
        var now = DateTime.UtcNow;
        var signingKey = new RsaSecurityKey(key ?? _rsa) { KeyId = keyId };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? IssuerFor(tenantId),
            Audience = audience,
            IssuedAt = (expires ?? now.AddHours(1)).AddHours(-1),
            NotBefore = (expires ?? now.AddHours(1)).AddHours(-1),
            Expires = expires ?? now.AddHours(1),
            Claims = new Dictionary<string, object> { ["tid"] = tenantId, ["oid"] = "11111111-2222-3333-4444-555555555555", ["name"] = "Dana Rep" },
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _rsa.Dispose();
    }
}
