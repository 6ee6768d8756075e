using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SalesCoach.Inference.Registry;

/// <summary>Polls the registry so activations made outside this process (CLI, other replicas) hot-swap here without a restart.</summary>
internal sealed class ModelRefreshService(ModelHost host, IOptions<ModelHostOptions> options, TimeProvider time, ILogger<ModelRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RefreshSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await host.RefreshAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // Serving continues on the models already loaded; the next tick tries again.
                logger.LogWarning(error, "Refreshing the active models failed");
            }
        }
    }
}
