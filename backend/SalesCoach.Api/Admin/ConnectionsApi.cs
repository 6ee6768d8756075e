using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesCoach.Api.Auth;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Admin;

public sealed record ConnectCrmRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string OrgId,
    [property: StringLength(200)] string? DisplayName,
    [property: Url, StringLength(500)] string? InstanceUrl);

public sealed record CrmConnectionResponse(string Crm, string OrgId, string? DisplayName, string? InstanceUrl, DateTimeOffset CreatedAt);

/// <summary>A tenant admin connects its CRM orgs; adapters map each CRM proof to a tenant through these.</summary>
public static class ConnectionsApi
{
    public static RouteGroupBuilder MapConnectionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/connections").WithTags("Connections").RequireAuthorization(Policies.TenantAdmin);
        group.MapGet("/", ListAsync);
        group.MapPut("/{crm}", ConnectAsync);
        group.MapDelete("/{crm}", DisconnectAsync);
        return group;
    }

    private static async Task<Ok<List<CrmConnectionResponse>>> ListAsync(HttpContext context, CrmConnectionStore store, CancellationToken cancellationToken)
    {
        var connections = await store.ListAsync(context.GetCaller().RequireTenant(), cancellationToken);
        return TypedResults.Ok(connections.Select(ToResponse).ToList());
    }

    private static async Task<Results<Ok<CrmConnectionResponse>, ValidationProblem, ProblemHttpResult>> ConnectAsync(
        string crm, ConnectCrmRequest request, HttpContext context, CrmConnectionStore store, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!CrmKinds.All.Contains(crm))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["crm"] = [$"Unknown CRM '{crm}'. Use one of: {string.Join(", ", CrmKinds.All)}."],
            });
        }

        var caller = context.GetCaller();
        var tenantId = caller.RequireTenant();
        var result = await store.ConnectAsync(tenantId, crm, request.OrgId.Trim(), request.DisplayName, request.InstanceUrl, cancellationToken);
        if (result == ConnectResult.OrgTakenByAnotherTenant)
        {
            return TypedResults.Problem(
                title: "CRM org already connected",
                detail: "This CRM org is connected to another SalesCoach tenant. Disconnect it there first.",
                statusCode: StatusCodes.Status409Conflict);
        }

        await audit.RecordAsync(tenantId, caller.UserId, "crm.connected", $"crm={crm} org={request.OrgId}", cancellationToken);
        var connection = (await store.ListAsync(tenantId, cancellationToken)).Single(c => c.Crm == crm);
        return TypedResults.Ok(ToResponse(connection));
    }

    private static async Task<Results<NoContent, NotFound>> DisconnectAsync(
        string crm, HttpContext context, CrmConnectionStore store, AuditLog audit, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        if (!await store.DisconnectAsync(caller.RequireTenant(), crm, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        await audit.RecordAsync(caller.RequireTenant(), caller.UserId, "crm.disconnected", $"crm={crm}", cancellationToken);
        return TypedResults.NoContent();
    }

    private static CrmConnectionResponse ToResponse(CrmConnection c) => new(c.Crm, c.OrgId, c.DisplayName, c.InstanceUrl, c.CreatedAt);
}
