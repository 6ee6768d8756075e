using System.Collections.Concurrent;
using SalesCoach.Crm.WriteBack;

namespace SalesCoach.Crm.Tests;

/// <summary>The host's side of the write-back, in memory: tenant + CRM -> target.</summary>
public sealed class TestConnections : ICrmConnectionSource
{
    public ConcurrentDictionary<(string TenantId, string Crm), CrmTarget> Targets { get; } = new();

    public Task<CrmTarget?> GetAsync(string tenantId, string crm, string? crmUserId, CancellationToken cancellationToken) =>
        Task.FromResult(Targets.GetValueOrDefault((tenantId, crm)));
}
