using Microsoft.Extensions.Options;
using SalesCoach.Api.Coaching.WriteBack;
using SalesCoach.Api.Surfaces.Sandbox;
using SalesCoach.Crm.Salesforce;
using SalesCoach.Crm.WriteBack;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Surfaces.Salesforce;

/// <summary>
/// <c>POST /salesforce/canvas</c>: Salesforce posts the signed request here when a user opens the
/// canvas app. Verified, mapped to the tenant that connected the org, answered with the canvas page.
/// </summary>
public static class CanvasApi
{
    public const string SignedRequestField = "signed_request";

    public static RouteGroupBuilder MapSalesforceCanvas(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/salesforce").WithTags("Salesforce").AllowAnonymous();
        group.MapPost("/canvas", HandleAsync).DisableAntiforgery().ExcludeFromDescription();
        return group;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context, SignedRequestVerifier verifier, IOptions<SalesforceCanvasOptions> options, CrmConnectionStore connections,
        SessionTokens sessions, SandboxFrames sandbox, CrmTokenStore crmTokens, WriteBackQueue writeBacks, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(CanvasApi));
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.ConsumerSecret))
        {
            return AdapterPages.Html(StatusCodes.Status503ServiceUnavailable, AdapterPages.Message(
                "Salesforce is not configured",
                "This SalesCoach server has no Salesforce consumer secret. Its operator must set Salesforce:ConsumerSecret " +
                "(environment variable Salesforce__ConsumerSecret) to the connected app's consumer secret."), SalesforceFrameOrigins.AnyOrg);
        }

        string? signedRequest = null;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(cancellationToken);
            signedRequest = form[SignedRequestField];
        }

        var maxAge = settings.MaxSignedRequestAgeMinutes > 0 ? TimeSpan.FromMinutes(settings.MaxSignedRequestAgeMinutes) : (TimeSpan?)null;
        var result = verifier.Verify(signedRequest, settings.ConsumerSecret, maxAge);
        if (result.Request is not { } request)
        {
            // The reason is logged (never the request itself: it carries an OAuth token).
            logger.LogWarning("Refused a canvas signed request: {Failure}", result.Failure);
            return AdapterPages.Html(StatusCodes.Status401Unauthorized, AdapterPages.Message(
                "This request could not be verified",
                "SalesCoach accepts only canvas requests signed by Salesforce with this app's consumer secret. " +
                "If you are an admin, check that the connected app's consumer secret matches Salesforce:ConsumerSecret on the server."),
                SalesforceFrameOrigins.AnyOrg);
        }

        var connection = await connections.FindByOrgAsync(CrmKinds.Salesforce, request.OrganizationId, cancellationToken);
        var frameAncestors = SalesforceFrameOrigins.For(request, connection?.InstanceUrl).Concat(sandbox.AncestorsFor(context, CrmKinds.Salesforce, request.OrganizationId));
        if (connection is null)
        {
            logger.LogInformation("Canvas request from unconnected Salesforce org {OrgId}", request.OrganizationId);
            return AdapterPages.Html(StatusCodes.Status403Forbidden, AdapterPages.Message(
                "This Salesforce org is not connected to SalesCoach",
                "An admin of your SalesCoach tenant connects it once: call PUT /api/v1/connections/salesforce with the tenant's admin API key " +
                "and the body below (the org id is this org's, from Setup > Company Information). Then reload this page.",
                $$"""{"orgId": "{{request.OrganizationId}}", "displayName": "Salesforce", "instanceUrl": "{{request.InstanceUrl}}"}"""),
                frameAncestors);
        }

        // The user's OAuth token, kept sealed so the after-call write-back can act as this user (never logged), and the
        // refresh token when the connected app has the refresh_token scope, so the write-back can renew an expired session.
        if (ClientToken(result.Envelope, "oauthToken") is { } oauthToken)
        {
            await crmTokens.SaveAsync(connection.TenantId, CrmKinds.Salesforce, request.UserId, oauthToken, null,
                ClientToken(result.Envelope, "refreshToken"), cancellationToken);
            await RetryWriteBacksAsync(writeBacks, connection.TenantId, request.UserId, logger, cancellationToken);
        }

        var session = sessions.Mint(new SessionClaims(
            connection.TenantId, $"salesforce:{request.UserId}", Roles.Rep, CrmKinds.Salesforce, request.RecordType, request.RecordId));
        return AdapterPages.Html(StatusCodes.Status200OK, CanvasPage.Render(result.Envelope, session), frameAncestors);
    }

    /// <summary>What the canvas app told the rep after a revoked or missing session: reopening SalesCoach saves those summaries.</summary>
    private static async Task RetryWriteBacksAsync(WriteBackQueue writeBacks, string tenantId, string userId, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            if (await writeBacks.RetryForSalesforceUserAsync(tenantId, userId, cancellationToken) is > 0 and var retried)
            {
                logger.LogInformation("Queued {Count} write-backs of Salesforce user {UserId} again with the session the canvas app stored.", retried, userId);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The rep's page matters more; POST .../writeback still retries each job.
            logger.LogError(e, "Could not queue the failed write-backs of Salesforce user {UserId} again.", userId);
        }
    }

    private static string? ClientToken(System.Text.Json.JsonElement envelope, string name) =>
        envelope.ValueKind == System.Text.Json.JsonValueKind.Object
        && envelope.TryGetProperty("client", out var client) && client.ValueKind == System.Text.Json.JsonValueKind.Object
        && client.TryGetProperty(name, out var token) && token.ValueKind == System.Text.Json.JsonValueKind.String
        && token.GetString() is { Length: > 0 and <= 4096 } value ? value : null;
}
