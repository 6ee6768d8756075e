using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SalesCoach.Content.Analytics;
using SalesCoach.Content.Engagement;
using SalesCoach.Content.Library;
using SalesCoach.Content.Ranking;
using SalesCoach.Content.Search;
using SalesCoach.Storage;

namespace SalesCoach.Content;

public static class ContentServiceCollectionExtensions
{
    /// <summary>
    /// The content library, its search index, ranker, engagement and analytics. Needs a
    /// <c>SqlDatabase</c> and a <see cref="TimeProvider"/> (the host's storage registration gives both).
    /// Live coaching replaces <see cref="IConversationContextSource"/> with its own.
    /// </summary>
    public static IServiceCollection AddContentLibrary(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMigrations<ContentMigrations>();
        services.AddSingleton<FullTextIndex>();
        services.AddSingleton<ContentStore>();
        services.AddSingleton<LibraryIndexCache>();
        services.AddSingleton<EngagementStore>();
        services.AddSingleton<ContentRanker>(sp => new ContentRanker(
            sp.GetRequiredService<LibraryIndexCache>(), sp.GetRequiredService<FullTextIndex>(), sp.GetRequiredService<EngagementStore>()));
        services.AddSingleton<ContentAnalytics>();
        services.TryAddSingleton<IConversationContextSource, NoConversationContextSource>();
        return services;
    }
}
