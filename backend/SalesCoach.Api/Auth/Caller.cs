using System.Security.Claims;

namespace SalesCoach.Api.Auth;

/// <summary>Who is calling: a tenant's user or key, or the operator (no tenant).</summary>
public sealed record Caller(string? TenantId, string UserId, string Role, string Via)
{
    public string RequireTenant() =>
        TenantId ?? throw new InvalidOperationException("This endpoint requires a tenant caller; its policy should have refused the request.");

    public ClaimsPrincipal ToPrincipal(string scheme) =>
        new(new ClaimsIdentity(
            [
                new Claim(CallerClaims.UserId, UserId),
                new Claim(CallerClaims.Role, Role),
                new Claim(CallerClaims.Via, Via),
                .. TenantId is null ? Array.Empty<Claim>() : [new Claim(CallerClaims.TenantId, TenantId)],
            ],
            scheme, CallerClaims.UserId, CallerClaims.Role));
}

public static class CallerClaims
{
    public const string TenantId = "sc:tenant";
    public const string UserId = "sc:user";
    public const string Role = "sc:role";
    public const string Via = "sc:via";

    public static Caller GetCaller(this ClaimsPrincipal user) => new(
        user.FindFirstValue(TenantId),
        user.FindFirstValue(UserId) ?? "anonymous",
        user.FindFirstValue(Role) ?? "none",
        user.FindFirstValue(Via) ?? "none");

    public static Caller GetCaller(this HttpContext context) => context.User.GetCaller();
}
