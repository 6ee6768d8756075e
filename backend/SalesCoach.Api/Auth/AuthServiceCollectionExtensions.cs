using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Auth;

public static class Policies
{
    public const string Tenant = "tenant";
    public const string TenantAdmin = "tenant-admin";
    public const string Operator = "operator";
}

public static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddCallerAuthentication(this IServiceCollection services)
    {
        services.AddOptions<OperatorOptions>()
            .BindConfiguration(OperatorOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Resolvers are asked in registration order; the API key resolver is the catch-all, so it goes last.
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<ICredentialResolver, ApiKeyResolver>();

        services.AddAuthentication(BearerCredentialHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerCredentialHandler>(
                BearerCredentialHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Tenant, p => p.RequireClaim(CallerClaims.TenantId))
            .AddPolicy(Policies.TenantAdmin, p => p.RequireClaim(CallerClaims.TenantId).RequireClaim(CallerClaims.Role, Roles.Admin))
            .AddPolicy(Policies.Operator, p => p.RequireClaim(CallerClaims.Role, Roles.Operator));
        return services;
    }

    /// <summary>Adds a credential kind ahead of the API key catch-all (session tokens, Entra ID tokens).</summary>
    public static IServiceCollection AddCredentialResolver<TResolver>(this IServiceCollection services)
        where TResolver : class, ICredentialResolver
    {
        var catchAll = services.Last(d => d.ServiceType == typeof(ICredentialResolver));
        services.Insert(services.IndexOf(catchAll), ServiceDescriptor.Singleton<ICredentialResolver, TResolver>());
        return services;
    }
}
