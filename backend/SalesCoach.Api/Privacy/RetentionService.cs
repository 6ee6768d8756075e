using Microsoft.Extensions.Options;
using SalesCoach.Storage.Privacy;

namespace SalesCoach.Api.Privacy;

/// <summary>
/// Runs a retention pass over every tenant whose retention is on, every <see cref="RetentionOptions.Interval"/>. Each pass
/// is bounded per tenant (<see cref="RetentionPurge"/>); whatever is left waits for the next one.
/// </summary>
internal sealed class RetentionService(
    PrivacySettingsStore settings, RetentionPurge purge, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = options.Value;
        if (!retention.Enabled)
        {
            return;
        }

        try
        {
            await Task.Delay(retention.FirstRunDelay, time, stoppingToken);
            using var timer = new PeriodicTimer(retention.Interval, time);
            do
            {
                await RunPassAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; a batch in flight rolled back whole and runs again next time.
        }
    }

    private async Task RunPassAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<(string TenantId, int RetentionDays)> tenants;
        try
        {
            tenants = await settings.ListRetentionAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Retention pass could not list tenants; it runs again at the next interval.");
            return;
        }

        foreach (var (tenantId, days) in tenants)
        {
            try
            {
                await purge.PurgeAsync(tenantId, days, "retention", stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One tenant's trouble (a locked store, a bad row) must not stop the others' purge.
                logger.LogError(e, "Retention purge of tenant {TenantId} failed; it runs again at the next interval.", tenantId);
            }
        }
    }
}
