using System.Text.RegularExpressions;

namespace SalesCoach.Api.Surfaces.Dynamics;

/// <summary>
/// The PCF control runs inside the Dynamics page and calls /api/v1 cross-origin with a bearer token:
/// CORS allows exactly the Dataverse app origins (https://org.crm[N].dynamics.com), no cookies. It runs
/// ahead of authorization (a start-up filter) so preflight requests get their answer.
/// </summary>
public static partial class DynamicsCors
{
    public const string PolicyName = "dynamics";

    public static bool IsDynamicsOrigin(string origin) => DataverseOrigin().IsMatch(origin);

    public static IServiceCollection AddDynamicsCors(this IServiceCollection services)
    {
        services.AddCors(o => o.AddPolicy(PolicyName, policy => policy
            .SetIsOriginAllowed(IsDynamicsOrigin)
            .WithMethods("GET", "POST", "PUT", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "Last-Event-ID", "Accept")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        services.AddTransient<IStartupFilter, CorsStartupFilter>();
        return services;
    }

    [GeneratedRegex(@"^https://[a-z0-9][a-z0-9-]{0,62}\.crm[0-9]{0,2}\.dynamics\.com$")]
    private static partial Regex DataverseOrigin();

    private sealed class CorsStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseCors(PolicyName));
            next(app);
        };
    }
}
