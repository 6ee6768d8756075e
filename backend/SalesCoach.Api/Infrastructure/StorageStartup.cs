using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using SalesCoach.Storage;
using SalesCoach.Storage.Encryption;
using SalesCoach.Storage.Migrations;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Infrastructure;

/// <summary>Configuration section <c>Demo</c>: a demo tenant whose key scripts and the sandbox use (environment <c>Demo__ApiKey</c>).</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    [MinLength(16, ErrorMessage = "Demo:ApiKey must be at least 16 characters.")]
    public string? ApiKey { get; set; }
}

/// <summary>
/// Migrates the store before the host accepts requests, then makes sure the demo tenant exists.
/// Resolving the field protector here turns a missing encryption key into a failed start, not a
/// failed first request.
/// </summary>
internal sealed class StorageStartup(
    Migrator migrator, TenantStore tenants, IOptions<DemoOptions> demo, IServiceProvider services, ILogger<StorageStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<FieldProtector>();
        await migrator.MigrateAsync(cancellationToken);
        if (demo.Value.ApiKey is { Length: > 0 } key)
        {
            await tenants.EnsureDemoTenantAsync(key, cancellationToken);
            logger.LogInformation("Demo tenant {TenantId} is ready", TenantStore.DemoTenantId);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class StorageStartupExtensions
{
    public static IServiceCollection AddSalesCoachStorage(this IServiceCollection services)
    {
        services.AddStorage();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<StorageStartup>();
        return services;
    }
}
