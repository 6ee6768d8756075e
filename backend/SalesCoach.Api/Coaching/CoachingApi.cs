using SalesCoach.Coaching;

namespace SalesCoach.Api.Coaching;

/// <summary>Live coaching in the host: one call to register, one to map (interactions, playbook, signal classification, analytics).</summary>
public static class CoachingApi
{
    public static IServiceCollection AddCoaching(this IServiceCollection services) => services.AddCoachingCore();

    public static IEndpointRouteBuilder MapCoachingApi(this IEndpointRouteBuilder app)
    {
        app.MapInteractionsApi();
        app.MapPlaybookApi();
        app.MapSignalsApi();
        app.MapCoachingAnalyticsApi();
        return app;
    }
}
