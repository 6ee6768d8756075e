using System.ComponentModel.DataAnnotations;
using SalesCoach.Api.Auth;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Admin;

public sealed record AuditEntryResponse(string Actor, string Action, string? Detail, DateTimeOffset At);

/// <summary>A tenant admin reads its own audit log of admin actions, newest first.</summary>
public static class AuditApi
{
    public static RouteHandlerBuilder MapAuditApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/audit", async (HttpContext context, AuditLog audit, [Range(1, 500)] int? limit, CancellationToken cancellationToken) =>
            {
                var entries = await audit.ListAsync(context.GetCaller().RequireTenant(), limit ?? 100, cancellationToken);
                return TypedResults.Ok(entries.Select(e => new AuditEntryResponse(e.Actor, e.Action, e.Detail, e.At)).ToList());
            })
            .WithTags("Admin")
            .RequireAuthorization(Policies.TenantAdmin);
}
