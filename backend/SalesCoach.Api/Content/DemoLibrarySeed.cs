using Microsoft.Extensions.Options;
using SalesCoach.Api.Infrastructure;
using SalesCoach.Content.Library;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Content;

/// <summary>
/// When the demo tenant is configured, gives it the demo library once. Runs after the storage
/// start-up (registered later), and is idempotent: items are matched by externalId.
/// </summary>
internal sealed class DemoLibrarySeed(IOptions<DemoOptions> demo, ContentStore store, ILogger<DemoLibrarySeed> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (demo.Value.ApiKey is not { Length: > 0 })
        {
            return;
        }

        var added = await DemoLibrary.SeedAsync(store, TenantStore.DemoTenantId, cancellationToken);
        logger.LogInformation("Demo library: {Added} items added", added);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
