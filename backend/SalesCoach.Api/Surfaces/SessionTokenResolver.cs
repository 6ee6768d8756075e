using SalesCoach.Api.Auth;

namespace SalesCoach.Api.Surfaces;

/// <summary>Turns an adapter's session token into a caller of the tenant that the CRM proof mapped to.</summary>
internal sealed class SessionTokenResolver(SessionTokens tokens) : ICredentialResolver
{
    public bool Recognizes(string credential) => credential.StartsWith(SessionTokens.Prefix, StringComparison.Ordinal);

    public ValueTask<Caller?> ResolveAsync(string credential, CancellationToken cancellationToken) =>
        ValueTask.FromResult(tokens.Read(credential) is { } claims
            ? new Caller(claims.TenantId, claims.UserId, claims.Role, $"session:{claims.Crm}")
            : null);
}
