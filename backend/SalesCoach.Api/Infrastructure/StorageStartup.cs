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
/// Depending on the field protector makes a missing encryption key fail the start, not the first request.
/// </summary>
#pragma warning disable CS9113 // the protector is taken only so that it is built (and validated) at start-up
internal sealed class StorageStartup(
    Migrator migrator, TenantStore tenants, IOptions<DemoOptions> demo, FieldProtector protector, ILogger<StorageStartup> logger) : IHostedService
#pragma warning restore CS9113
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
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
