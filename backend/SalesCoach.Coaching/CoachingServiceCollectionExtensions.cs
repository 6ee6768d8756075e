using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SalesCoach.Coaching.Analytics;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Messaging;
using SalesCoach.Coaching.Playbooks;
using SalesCoach.Coaching.Signals;
using SalesCoach.Coaching.Summaries;
using SalesCoach.Coaching.Tips;
using SalesCoach.Storage;

namespace SalesCoach.Coaching;

public static class CoachingServiceCollectionExtensions
{
    /// <summary>Live coaching: its migrations, stores, the segment pipeline, the event bus (<c>Messaging:Transport</c>) and the signal classifier
    /// (the registry's <c>signals</c> model; needs <c>AddInference()</c>, which seeds it from the shipped model on start).</summary>
    public static IServiceCollection AddCoachingCore(this IServiceCollection services)
    {
        services.AddMigrations<CoachingMigrations>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<InteractionStore>();
        services.AddSingleton<SummaryStore>();
        services.AddSingleton<TipFeedbackStore>();
        services.AddSingleton<CoachingAnalytics>();
        services.AddSingleton<PlaybookStore>();
        services.AddSingleton<LiveInteractions>();
        services.AddSingleton<SegmentAppender>();
        services.AddSingleton<InteractionConsent>();
        services.AddSingleton<InteractionCompleter>();
        services.AddSingleton<IInteractionContentEvents, InteractionContentEvents>();
        services.AddInteractionMessaging();
        // Signals are served through the inference registry (AddInference registers ModelRegistry and ModelHost).
        services.AddHostedService<SignalModelSeeding>();
        services.TryAddSingleton<ISignalClassifier, RegistrySignalClassifier>();
        return services;
    }
}
