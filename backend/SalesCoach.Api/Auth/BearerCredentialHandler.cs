using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SalesCoach.Api.Auth;

internal sealed class BearerCredentialHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IEnumerable<ICredentialResolver> resolvers)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    /// <summary>Longer headers are refused before any token parser sees them (see backend/SalesCoach.Api/SECURITY.md).</summary>
    private const int MaxCredentialLength = 8 * 1024;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("Authorization must use the Bearer scheme.");
        }

        var credential = header["Bearer ".Length..].Trim();
        if (credential.Length == 0 || credential.Length > MaxCredentialLength)
        {
            return AuthenticateResult.Fail("The bearer credential is empty or too long.");
        }

        foreach (var resolver in resolvers)
        {
            if (!resolver.Recognizes(credential))
            {
                continue;
            }

            var caller = await resolver.ResolveAsync(credential, Context.RequestAborted);
            return caller is null
                ? AuthenticateResult.Fail("The bearer credential is not valid.")
                : AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(SchemeName), SchemeName));
        }

        return AuthenticateResult.Fail("The bearer credential is not valid.");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
