using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Surfaces.Sandbox;

/// <summary>
/// Connects the sandbox's demo orgs (one per CRM) to the demo tenant at start-up. Registered after
/// storage start-up, which has migrated the store and created the demo tenant by then.
/// </summary>
internal sealed class DemoConnections(SandboxFrames sandbox, TenantStore tenants, CrmConnectionStore connections, ILogger<DemoConnections> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!sandbox.Enabled)
        {
            return;
        }

        if (await tenants.FindAsync(TenantStore.DemoTenantId, cancellationToken) is null)
        {
            logger.LogWarning("The sandbox is on but there is no demo tenant: set Demo:ApiKey (appsettings.Development.json does)");
            return;
        }

        foreach (var crm in CrmKinds.All.Order(StringComparer.Ordinal))
        {
            var result = await connections.ConnectAsync(TenantStore.DemoTenantId, crm, sandbox.DemoOrgId(crm), $"Sandbox {crm}", null, cancellationToken);
            if (result == ConnectResult.OrgTakenByAnotherTenant)
            {
                logger.LogWarning("The sandbox's demo {Crm} org is connected to another tenant; that adapter's sandbox will show 403", crm);
            }
        }

        logger.LogInformation("Sandbox demo orgs are connected to tenant {TenantId}", TenantStore.DemoTenantId);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
