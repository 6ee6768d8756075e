using SalesCoach.Api.Coaching.WriteBack;
using SalesCoach.Coaching;

namespace SalesCoach.Api.Coaching;

/// <summary>Live coaching in the host: one call to register, one to map (interactions, CRM write-back, playbook, signal classification, analytics).</summary>
public static class CoachingApi
{
    public static IServiceCollection AddCoaching(this IServiceCollection services) => services.AddCoachingCore().AddWriteBack();

    public static IEndpointRouteBuilder MapCoachingApi(this IEndpointRouteBuilder app)
    {
        app.MapInteractionsApi();
        app.MapWriteBackApi();
        app.MapPlaybookApi();
        app.MapSignalsApi();
        app.MapCoachingAnalyticsApi();
        return app;
    }
}
