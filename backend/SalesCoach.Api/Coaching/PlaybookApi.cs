using Microsoft.AspNetCore.Http.HttpResults;
using SalesCoach.Api.Auth;
using SalesCoach.Coaching.Playbooks;

namespace SalesCoach.Api.Coaching;

/// <summary>The tenant's coaching playbook: anyone in the tenant reads it, admins replace it.</summary>
public static class PlaybookApi
{
    public static RouteGroupBuilder MapPlaybookApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/playbook").WithTags("Playbook").RequireAuthorization(Policies.Tenant);
        group.MapGet("/", GetAsync);
        group.MapPut("/", PutAsync).RequireAuthorization(Policies.TenantAdmin);
        return group;
    }

    private static async Task<Ok<Playbook>> GetAsync(HttpContext context, PlaybookStore playbooks, CancellationToken cancellationToken) =>
        TypedResults.Ok((await playbooks.GetAsync(context.GetCaller().RequireTenant(), cancellationToken)).Playbook);

    private static async Task<Results<Ok<Playbook>, ValidationProblem>> PutAsync(
        Playbook playbook, HttpContext context, PlaybookStore playbooks, CancellationToken cancellationToken)
    {
        var errors = PlaybookValidator.Validate(playbook);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var saved = await playbooks.SaveAsync(context.GetCaller().RequireTenant(), playbook, cancellationToken);
        return TypedResults.Ok(saved.Playbook);
    }
}
