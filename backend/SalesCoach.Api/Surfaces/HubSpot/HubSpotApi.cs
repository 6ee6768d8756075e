using Microsoft.AspNetCore.Http.HttpResults;
using SalesCoach.Api.Auth;
using SalesCoach.Api.Coaching;
using SalesCoach.Api.Content;

namespace SalesCoach.Api.Surfaces.HubSpot;

public sealed record HubSpotPingResponse(bool SignatureValid, string PortalId, bool Connected);

/// <summary>
/// The routes the HubSpot card calls through <c>hubspot.fetch</c>. Every route under <c>/hubspot/</c>
/// is authenticated by the HubSpot signature (never a bearer token). The feature routes are the API v1
/// features mapped a second time under this prefix, so the card runs exactly their code; only the
/// event poll is HubSpot's own, because <c>hubspot.fetch</c> cannot hold a stream open.
/// </summary>
public static class HubSpotApi
{
    public static RouteGroupBuilder MapHubSpotApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(HubSpotSignatureHandler.PathPrefix).WithTags("HubSpot").ExcludeFromDescription();
        group.MapGet("/ping", Ping).RequireAuthorization();
        group.MapInteractionsApi();
        group.MapRecommendationsApi();
        group.MapGroup("/api/v1/content").RequireAuthorization(Policies.Tenant).MapContentEvents();
        group.MapGroup("/api/v1/interactions").RequireAuthorization(Policies.Tenant).MapGet("/{id}/poll", HubSpotEventPoll.PollAsync);
        return group;
    }

    /// <summary>A connection check for admins: 200 when the signature is right, saying whether the portal is connected.</summary>
    private static Ok<HubSpotPingResponse> Ping(HttpContext context)
    {
        var caller = context.GetCaller();
        var portalId = context.User.FindFirst(HubSpotClaims.PortalId)?.Value ?? "";
        return TypedResults.Ok(new HubSpotPingResponse(true, portalId, caller.TenantId is not null));
    }
}
