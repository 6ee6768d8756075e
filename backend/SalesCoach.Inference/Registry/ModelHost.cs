using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SalesCoach.Inference.Runtime;

namespace SalesCoach.Inference.Registry;

/// <summary>
/// Serves the active model of (tenant, name) from memory and hot-swaps it when the registry's
/// answer changes: activations and roll-backs through this host swap at once; changes made
/// elsewhere (the CLI, another replica) are picked up by <see cref="RefreshAsync"/>.
/// A tenant without an override shares the global model's session.
/// </summary>
public sealed class ModelHost(ModelRegistry registry, InferenceSessionOptions? sessionOptions = null, ILogger<ModelHost>? logger = null) : IDisposable
{
    private readonly ConcurrentDictionary<(string Tenant, string Name), string> _routes = new();
    private readonly ConcurrentDictionary<(string Scope, string Name), Slot> _slots = new();
    private readonly InferenceSessionOptions _sessionOptions = sessionOptions ?? new InferenceSessionOptions();
    private readonly ILogger _logger = logger ?? NullLogger<ModelHost>.Instance;

    /// <summary>Leases the model that serves (tenant, name); dispose the lease when the call is done.</summary>
    public async ValueTask<ModelLease> AcquireAsync(string tenantId, string name, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (!_routes.TryGetValue((tenantId, name), out var scope))
            {
                if (!await RefreshRouteAsync(tenantId, name, cancellationToken))
                {
                    throw new ModelRegistryException($"No active version of model '{name}' serves tenant '{tenantId}' (and no global default is active).");
                }

                continue;
            }

            var slot = _slots.GetOrAdd((scope, name), _ => new Slot());
            var current = Volatile.Read(ref slot.Current);
            if (current is null)
            {
                await SwapAsync(scope, name, slot, cancellationToken);
                if (Volatile.Read(ref slot.Current) is null)
                {
                    // The scope has nothing of its own any more (an override was rolled back): route again.
                    _routes.TryRemove((tenantId, name), out _);
                }

                continue;
            }

            if (current.TryAddReference())
            {
                return new ModelLease(current);
            }

            // Retired between our read and our reference: the slot already holds its successor.
        }
    }

    public async Task<ModelVersion> ActivateAsync(string tenantId, string name, int version, string actor, CancellationToken cancellationToken = default)
    {
        var activated = await registry.ActivateAsync(tenantId, name, version, actor, cancellationToken);
        await RefreshAsync(cancellationToken);
        return activated;
    }

    public async Task<ModelVersion?> RollbackAsync(string tenantId, string name, string actor, CancellationToken cancellationToken = default)
    {
        var serving = await registry.RollbackAsync(tenantId, name, actor, cancellationToken);
        await RefreshAsync(cancellationToken);
        return serving;
    }

    /// <summary>Re-reads which version serves every (tenant, name) seen so far and swaps the ones that changed.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (tenant, name) in _routes.Keys)
        {
            await RefreshRouteAsync(tenant, name, cancellationToken);
        }

        foreach (var ((scope, name), slot) in _slots)
        {
            await SwapAsync(scope, name, slot, cancellationToken);
        }
    }

    public void Dispose()
    {
        foreach (var slot in _slots.Values)
        {
            Interlocked.Exchange(ref slot.Current, null)?.Release();
        }
    }

    private async Task<bool> RefreshRouteAsync(string tenantId, string name, CancellationToken cancellationToken)
    {
        if (await registry.ResolveAsync(tenantId, name, cancellationToken) is not { } serving)
        {
            _routes.TryRemove((tenantId, name), out _);
            return false;
        }

        _routes[(tenantId, name)] = serving.TenantId;
        return true;
    }

    private async Task SwapAsync(string scope, string name, Slot slot, CancellationToken cancellationToken)
    {
        await slot.Gate.WaitAsync(cancellationToken);
        try
        {
            var active = await registry.ResolveAsync(scope, name, cancellationToken);
            if (active is null || active.TenantId != scope)
            {
                // A tenant scope whose override is gone: its tenants now route to the global slot.
                Interlocked.Exchange(ref slot.Current, null)?.Release();
                return;
            }

            var current = Volatile.Read(ref slot.Current);
            if (current is not null && current.Version.Version == active.Version)
            {
                return;
            }

            var session = OnnxRuntime.Shared.CreateSession(await registry.ReadModelAsync(active, cancellationToken), _sessionOptions);
            var previous = Interlocked.Exchange(ref slot.Current, new LoadedModel(active, session));
            previous?.Release();
            _logger.LogInformation("Model {Name} for scope '{Scope}' now serves version {Version} (was {Previous})", name, scope, active.Version, previous?.Version.Version);
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    private sealed class Slot
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public LoadedModel? Current;
    }
}
