using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using SalesCoach.Api.Auth;
using SalesCoach.Api.Infrastructure;
using SalesCoach.Crm.HubSpot;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Surfaces.HubSpot;

/// <summary>
/// Authenticates every request under <c>/hubspot/</c> by HubSpot's v3 signature: the signed URI is
/// rebuilt from the public base URL and the request target exactly as called, the body is hashed as
/// received. The signed query names the portal (-> tenant) and the HubSpot user (-> rep).
/// </summary>
internal sealed class HubSpotSignatureHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<HubSpotCardOptions> hubSpot,
    HubSpotSignature signature,
    CrmConnectionStore connections)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "HubSpotSignature";
    public const string PathPrefix = "/hubspot";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (hubSpot.Value.ClientSecret is not { Length: > 0 } secret)
        {
            return AuthenticateResult.Fail("HubSpot:ClientSecret is not configured.");
        }

        var body = await ReadBodyAsync();
        if (body is null)
        {
            return AuthenticateResult.Fail("The request body is too large to verify.");
        }

        var failure = signature.Verify(
            secret, Request.Method, SignedUri(), body,
            Request.Headers["X-HubSpot-Request-Timestamp"], Request.Headers["X-HubSpot-Signature-v3"]);
        if (failure != HubSpotSignatureFailure.None)
        {
            Logger.LogWarning("Refused a HubSpot request to {Path}: {Failure}", Request.Path, failure);
            return AuthenticateResult.Fail("The HubSpot signature is not valid.");
        }

        string? portalId = Request.Query["portalId"];
        string? userId = Request.Query["userId"];
        if (string.IsNullOrEmpty(portalId) || string.IsNullOrEmpty(userId) || portalId.Length > 32 || userId.Length > 64)
        {
            return AuthenticateResult.Fail("HubSpot requests carry portalId and userId.");
        }

        // A valid signature from an unconnected portal still authenticates (ping reports it), but without
        // a tenant every tenant route refuses it.
        var connection = await connections.FindByOrgAsync(CrmKinds.HubSpot, portalId, Context.RequestAborted);
        var caller = new Caller(connection?.TenantId, $"hubspot:{userId}", Roles.Rep, "hubspot_signature");
        var principal = caller.ToPrincipal(SchemeName);
        ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new(HubSpotClaims.PortalId, portalId));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    private string SignedUri()
    {
        var target = Context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw && raw.StartsWith('/')
            ? raw
            : Request.PathBase + Request.Path + Request.QueryString;
        var baseUrl = hubSpot.Value.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{Request.Scheme}://{Request.Host}";
        return baseUrl + target;
    }

    private async Task<byte[]?> ReadBodyAsync()
    {
        if (Request.ContentLength > SalesCoachDefaults.MaxRequestBodyBytes)
        {
            return null;
        }

        Request.EnableBuffering();
        using var buffer = new MemoryStream();
        await Request.Body.CopyToAsync(buffer, Context.RequestAborted);
        Request.Body.Position = 0;
        return buffer.Length > SalesCoachDefaults.MaxRequestBodyBytes ? null : buffer.ToArray();
    }
}

public static class HubSpotClaims
{
    public const string PortalId = "sc:hubspot-portal";
}
