using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using SalesCoach.Api.Auth;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Surfaces.Dynamics;

/// <summary>
/// Entra ID access tokens from the Dynamics PCF control: RS256 signature with keys from the authority's
/// OpenID metadata, issuer of the token's own tenant, our audience, lifetime by the injected clock;
/// the <c>tid</c> claim must be an Entra tenant a SalesCoach tenant connected. IdentityModel 6.8.0 has
/// CVE-2024-21319 (JWE decompression): encrypted (5-part) and oversized tokens never reach it.
/// </summary>
internal sealed class EntraTokenResolver : ICredentialResolver
{
    /// <summary>Entra access tokens are 1-3 KB; the bearer handler already refuses more than 8 KB in total.</summary>
    public const int MaxTokenLength = 6 * 1024;

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    private readonly DynamicsOptions _options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _metadata;
    private readonly CrmConnectionStore _connections;
    private readonly TimeProvider _time;
    private readonly ILogger<EntraTokenResolver> _logger;
    private readonly JsonWebTokenHandler _handler = new();

    public EntraTokenResolver(
        IOptions<DynamicsOptions> options, IHttpClientFactory httpClients, CrmConnectionStore connections, TimeProvider time, ILogger<EntraTokenResolver> logger)
    {
        _options = options.Value;
        _connections = connections;
        _time = time;
        _logger = logger;
        if (_options.Authority is { Length: > 0 })
        {
            var metadataUrl = new Uri(_options.MetadataUrl);
            var retriever = new HttpDocumentRetriever(httpClients.CreateClient(nameof(EntraTokenResolver)))
            {
                // Plain HTTP only for a provider on this machine (tests, a local emulator).
                RequireHttps = !metadataUrl.IsLoopback,
            };
            _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(metadataUrl.ToString(), new OpenIdConnectConfigurationRetriever(), retriever);
        }
    }

    public bool Recognizes(string credential) => credential.StartsWith("eyJ", StringComparison.Ordinal) && DotCount(credential) is 2 or 4;

    public async ValueTask<Caller?> ResolveAsync(string credential, CancellationToken cancellationToken)
    {
        if (_metadata is null || DotCount(credential) != 2 || credential.Length > MaxTokenLength)
        {
            return null;
        }

        var result = await ValidateAsync(credential, refresh: false, cancellationToken);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Entra rolls its keys: fetch the metadata again once before refusing an unknown key id.
            _metadata.RequestRefresh();
            result = await ValidateAsync(credential, refresh: true, cancellationToken);
        }

        if (!result.IsValid)
        {
            _logger.LogWarning("Refused an Entra token: {Reason}", result.Exception?.GetType().Name ?? "invalid");
            return null;
        }

        var token = (JsonWebToken)result.SecurityToken;
        var tenant = token.TryGetPayloadValue<string>("tid", out var tid) ? tid : null;
        var userId = token.TryGetPayloadValue<string>("oid", out var oid) ? oid : token.Subject;
        if (string.IsNullOrEmpty(tenant) || string.IsNullOrEmpty(userId))
        {
            return null;
        }

        var connection = await _connections.FindByOrgAsync(CrmKinds.Dynamics, tenant, cancellationToken);
        if (connection is null)
        {
            _logger.LogInformation("Entra token from unconnected tenant {EntraTenant}", tenant);
            return null;
        }

        return new Caller(connection.TenantId, $"entra:{userId}", Roles.Rep, "entra");
    }

    private async Task<TokenValidationResult> ValidateAsync(string credential, bool refresh, CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await _metadata!.GetConfigurationAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException)
        {
            _logger.LogError(e, "Entra OpenID metadata could not be read (refresh: {Refresh})", refresh);
            return new TokenValidationResult { IsValid = false, Exception = e };
        }

        var parameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            IssuerValidator = (issuer, token, _) => ValidateIssuer(issuer, (JsonWebToken)token, configuration.Issuer),
            ValidateAudience = true,
            ValidAudiences = _options.Audiences,
            ValidateIssuerSigningKey = true,
            IssuerSigningKeys = configuration.SigningKeys,
            RequireSignedTokens = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidateLifetime = true,
            RequireExpirationTime = true,
            LifetimeValidator = (notBefore, expires, _, _) => ValidateLifetime(notBefore, expires),
        };
        return _handler.ValidateToken(credential, parameters);
    }

    /// <summary>Multi-tenant metadata names the issuer with a {tenantid} placeholder: it must be the token's own tid.</summary>
    private static string ValidateIssuer(string issuer, JsonWebToken token, string metadataIssuer)
    {
        var tid = token.TryGetPayloadValue<string>("tid", out var value) ? value : "";
        var expected = metadataIssuer.Replace("{tenantid}", tid, StringComparison.OrdinalIgnoreCase);
        return tid.Length > 0 && string.Equals(issuer, expected, StringComparison.Ordinal)
            ? issuer
            : throw new SecurityTokenInvalidIssuerException("The token's issuer is not its tenant's issuer at the configured authority.");
    }

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now < exp + ClockSkew && (notBefore is not { } nbf || now > nbf - ClockSkew);
    }

    private static int DotCount(string credential) => credential.AsSpan().Count('.');
}
