using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using SalesCoach.Inference.Registry;
using SalesCoach.Inference.Runtime;

namespace SalesCoach.Coaching.Signals;

/// <summary>
/// Signals through the model registry: each call leases the active <see cref="ModelName"/> model of the
/// caller's tenant (its override, else the global default) from <see cref="ModelHost"/>, so per-tenant
/// models and hot swaps apply. After a tenant's first call the lease is served from the host's memory
/// (no database query); the decision rule is read once per version from its manifest.
/// When nothing is active (or it cannot load) the call detects nothing and asks again after
/// <see cref="RetryAfter"/>, so a store without a model never costs a query per segment.
/// </summary>
public sealed class RegistrySignalClassifier(ModelHost host, TimeProvider time, ILogger<RegistrySignalClassifier> logger) : ISignalClassifier
{
    public const string ModelName = "signals";

    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    private readonly ConditionalWeakTable<ModelVersion, SignalModel> _rules = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _unavailableUntil = new();

    public string Description => Serve(ModelRegistry.GlobalTenant, static (lease, _) =>
        $"signal model '{ModelName}' v{lease.Version.Version} from the registry ({lease.Version.Labels.Count} labels; tenant overrides apply)",
        $"no signal model loaded: the registry has no active global '{ModelName}' model");

    public bool IsModelLoaded => Serve(ModelRegistry.GlobalTenant, static (_, _) => true, false);

    public IReadOnlyList<SignalScore> Classify(string tenantId, string text, string language) =>
        Serve(tenantId, (lease, rule) => rule.Classify(lease.Session, text), []);

    private T Serve<T>(string tenantId, Func<ModelLease, SignalModel, T> use, T unavailable)
    {
        if (_unavailableUntil.TryGetValue(tenantId, out var until))
        {
            if (time.GetUtcNow() < until)
            {
                return unavailable;
            }

            _unavailableUntil.TryRemove(tenantId, out _);
        }

        try
        {
            using var lease = Lease(tenantId);
            return use(lease, _rules.GetValue(lease.Version, static v => SignalModel.FromManifest(v.ManifestJson)));
        }
        catch (Exception error) when (error is ModelRegistryException or InvalidDataException or OnnxRuntimeException or DllNotFoundException or DbException)
        {
            _unavailableUntil[tenantId] = time.GetUtcNow() + RetryAfter;
            logger.LogWarning("No signal model serves tenant '{TenantId}' (retrying in {Seconds} s): {Reason}", tenantId, RetryAfter.TotalSeconds, error.Message);
            return unavailable;
        }
    }

    private ModelLease Lease(string tenantId)
    {
        // Completes synchronously once the tenant's route and the model are in memory; only a tenant's first
        // call waits for the registry (swaps happen in the host, never on this path).
        var pending = host.AcquireAsync(tenantId, ModelName);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }
}
