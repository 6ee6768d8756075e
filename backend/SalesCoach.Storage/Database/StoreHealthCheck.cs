using Microsoft.Extensions.Diagnostics.HealthChecks;
using SalesCoach.Storage.Migrations;

namespace SalesCoach.Storage.Database;

/// <summary>Ready means the store answers and every module's schema is at its latest version.</summary>
internal sealed class StoreHealthCheck(Migrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var applied = await migrator.AppliedVersionsAsync(cancellationToken);
            return migrator.IsUpToDate(applied)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("schema migrations pending");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("store unreachable", ex);
        }
    }
}
