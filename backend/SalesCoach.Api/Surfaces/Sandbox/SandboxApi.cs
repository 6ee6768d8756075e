using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SalesCoach.Api.Surfaces.HubSpot;
using SalesCoach.Api.Surfaces.Salesforce;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Surfaces.Sandbox;

public sealed record SandboxSignedRequestRequest(
    [property: Required, RegularExpression("^(en_US|es|fr|de|zh_CN)$")] string Language,
    [property: StringLength(64)] string? InteractionId);

public sealed record SandboxSignedRequest(string SignedRequest);

public sealed record SandboxSessionRequest([property: Required, RegularExpression("^(salesforce|dynamics|hubspot)$")] string Crm);

public sealed record HubSpotFetchRequest(
    [property: Required, RegularExpression("^(GET|POST|PUT|PATCH|DELETE)$")] string Method,
    [property: Required, StringLength(2048)] string Url,
    string? Body);

/// <summary>
/// The sandbox: the page at <c>/</c> and the stand-ins for what each CRM does around its adapter.
/// Mapped only when the sandbox is on (Development, or <c>Sandbox:Enabled</c>); every stand-in is
/// limited to the demo orgs, which only the demo tenant owns.
/// </summary>
public static class SandboxApi
{
    public static void MapSandbox(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<SandboxFrames>().Enabled)
        {
            return;
        }

        app.MapGet("/", (HttpContext context) => AdapterPages.Html(StatusCodes.Status200OK, SandboxPage.Render(context.RequestServices.GetRequiredService<SandboxFrames>().Demo), [FramePolicy.OwnOrigin(context.Request)]))
            .ExcludeFromDescription();
        var group = app.MapGroup("/sandbox").WithTags("Sandbox").AllowAnonymous().ExcludeFromDescription();
        group.MapPost("/salesforce/signed-request", SignedRequest);
        group.MapPost("/session", Session);
        group.MapPost("/hubspot/fetch", HubSpotFetchAsync);
    }

    private static Results<Ok<SandboxSignedRequest>, ProblemHttpResult> SignedRequest(
        SandboxSignedRequestRequest request, HttpContext context, SandboxFrames sandbox, IOptions<SalesforceCanvasOptions> salesforce, TimeProvider time)
    {
        if (salesforce.Value.ConsumerSecret is not { Length: > 0 } secret)
        {
            return TypedResults.Problem("Salesforce:ConsumerSecret is not set.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return TypedResults.Ok(new SandboxSignedRequest(SandboxSigning.SignedRequest(
            secret, sandbox.Demo, request.Language, FramePolicy.OwnOrigin(context.Request), request.InteractionId, time.GetUtcNow().ToUnixTimeSeconds())));
    }

    /// <summary>A demo-tenant session, as a CRM proof would give: the Dynamics host's token and the replayer's.</summary>
    private static Ok<SessionToken> Session(SandboxSessionRequest request, SessionTokens sessions) =>
        TypedResults.Ok(sessions.Mint(new SessionClaims(TenantStore.DemoTenantId, $"sandbox:{request.Crm}", Roles.Rep, request.Crm, null, null)));

    /// <summary>Does what HubSpot's proxy does for <c>hubspot.fetch</c>: signs the call (v3) and forwards it.</summary>
    private static async Task<IResult> HubSpotFetchAsync(
        HubSpotFetchRequest request, HttpContext context, SandboxFrames sandbox, IOptions<HubSpotCardOptions> hubSpot,
        IHttpClientFactory httpClients, TimeProvider time, CancellationToken cancellationToken)
    {
        if (hubSpot.Value.ClientSecret is not { Length: > 0 } secret)
        {
            return TypedResults.Problem("HubSpot:ClientSecret is not set.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var own = FramePolicy.OwnOrigin(context.Request);
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var target)
            || FramePolicy.OriginOf(request.Url) != own
            || !target.AbsolutePath.StartsWith(HubSpotSignatureHandler.PathPrefix + "/", StringComparison.Ordinal)
            || Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(target.Query).TryGetValue("portalId", out var portal) is false
            || portal != sandbox.Demo.HubSpotPortalId)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["url"] = [$"Only {own}{HubSpotSignatureHandler.PathPrefix}/... URLs for the demo portal {sandbox.Demo.HubSpotPortalId} are proxied."],
            });
        }

        var body = request.Body is null ? [] : System.Text.Encoding.UTF8.GetBytes(request.Body);
        var (signature, timestamp) = SandboxSigning.HubSpot(secret, request.Method, request.Url, body, time.GetUtcNow());
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), target);
        message.Headers.Add("X-HubSpot-Signature-v3", signature);
        message.Headers.Add("X-HubSpot-Request-Timestamp", timestamp);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = new("application/json");
        }

        using var response = await httpClients.CreateClient(nameof(SandboxApi)).SendAsync(message, cancellationToken);
        // The backend's status and body as they are, as HubSpot's proxy hands them to the card.
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "application/json";
        await response.Content.CopyToAsync(context.Response.Body, cancellationToken);
        return Results.Empty;
    }
}
