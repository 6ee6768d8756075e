using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SalesCoach.Inference.Registry;
using SalesCoach.Storage;

namespace SalesCoach.Inference;

public static class InferenceServiceCollectionExtensions
{
    /// <summary>The model registry (its migrations), the in-process <see cref="ModelHost"/> and its background refresh.</summary>
    public static IServiceCollection AddInference(this IServiceCollection services)
    {
        services.AddMigrations<InferenceMigrations>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ModelHostOptions>()
            .BindConfiguration(ModelHostOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ModelRegistry>();
        services.AddSingleton(sp => new ModelHost(
            sp.GetRequiredService<ModelRegistry>(),
            new Runtime.InferenceSessionOptions { IntraOpThreads = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ModelHostOptions>>().Value.IntraOpThreads },
            sp.GetService<Microsoft.Extensions.Logging.ILogger<ModelHost>>()));
        services.AddHostedService<ModelRefreshService>();
        return services;
    }
}
