using SalesCoach.Api.Auth;

namespace SalesCoach.Api.Admin;

public sealed record MeResponse(string? TenantId, string UserId, string Role);

public static class MeApi
{
    public static RouteHandlerBuilder MapMeApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/me", (HttpContext context) =>
            {
                var caller = context.GetCaller();
                return TypedResults.Ok(new MeResponse(caller.TenantId, caller.UserId, caller.Role));
            })
            .WithTags("Me")
            .RequireAuthorization();
}
