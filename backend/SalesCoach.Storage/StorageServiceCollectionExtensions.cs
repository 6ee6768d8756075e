using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Hosting;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Encryption;
using SalesCoach.Storage.Migrations;
using SalesCoach.Storage.Privacy;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The store chosen by <c>Storage:Provider</c>, its migrations, tenants, CRM connections and privacy settings.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => SqlDatabase.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<Migrator>();
        services.AddMigrations<CoreMigrations>();
        services.AddSingleton<TenantStore>();
        services.AddSingleton<CrmConnectionStore>();
        services.AddSingleton<AuditLog>();
        services.AddMigrations<PrivacyMigrations>();
        services.AddSingleton<PrivacySettingsStore>();
        services.AddOptions<EncryptionOptions>().BindConfiguration(EncryptionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => FieldProtector.FromOptions(
            sp.GetRequiredService<IOptions<EncryptionOptions>>().Value,
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory,
            allowDerivedKey: !sp.GetRequiredService<IHostEnvironment>().IsProduction()));
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        return services;
    }

    /// <summary>Registers a feature's migrations; they run with every other module's on start.</summary>
    public static IServiceCollection AddMigrations<TSource>(this IServiceCollection services)
        where TSource : class, IMigrationSource
    {
        services.AddSingleton<IMigrationSource, TSource>();
        return services;
    }
}
