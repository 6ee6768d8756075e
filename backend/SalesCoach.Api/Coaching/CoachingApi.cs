using SalesCoach.Coaching;

namespace SalesCoach.Api.Coaching;

/// <summary>Live coaching in the host: one call to register, one to map (interactions and playbook).</summary>
public static class CoachingApi
{
    public static IServiceCollection AddCoaching(this IServiceCollection services) => services.AddCoachingCore();

    public static IEndpointRouteBuilder MapCoachingApi(this IEndpointRouteBuilder app)
    {
        app.MapInteractionsApi();
        app.MapPlaybookApi();
        return app;
    }
}
