using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesCoach.Api.Auth;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Admin;

public sealed record CreateTenantRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name);

/// <summary>The API key is shown here once; only its hash is kept.</summary>
public sealed record CreatedTenant(string Id, string Name, string ApiKey, DateTimeOffset CreatedAt);

/// <summary>Operator-only tenant administration.</summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(Policies.Operator);
        group.MapPost("/tenants", CreateTenantAsync);
        return group;
    }

    private static async Task<Created<CreatedTenant>> CreateTenantAsync(
        CreateTenantRequest request, TenantStore tenants, AuditLog audit, CancellationToken cancellationToken)
    {
        var (tenant, apiKey) = await tenants.CreateAsync(request.Name.Trim(), cancellationToken);
        await audit.RecordAsync(tenant.Id, "operator", "tenant.created", $"name={tenant.Name}", cancellationToken);
        return TypedResults.Created($"/api/v1/admin/tenants/{tenant.Id}", new CreatedTenant(tenant.Id, tenant.Name, apiKey, tenant.CreatedAt));
    }
}
