using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SalesCoach.Inference.Registry;
using SalesCoach.Inference.Runtime;

namespace SalesCoach.Coaching.Signals;

/// <summary>
/// At start-up (after the migrations), registers the shipped model (Signals/Model) as the next version of
/// the global <c>signals</c> model unless those bytes are registered already, and activates it unless an
/// operator chose the active version (see <see cref="ModelRegistry.SeedAsync"/>): an upgrade brings the new
/// model without overriding anyone's choice. The check and write run under the registry's per-model lock, so
/// a restart or two hosts starting at once never add a version twice. Failing to seed (no ONNX Runtime, no file)
/// leaves the host running without model signals; the classifier's description says so.
/// </summary>
internal sealed class SignalModelSeeding(ModelRegistry registry, ILogger<SignalModelSeeding> logger) : IHostedService
{
    public const string Actor = "system:signal-model-seed";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = SignalModelLoader.ShippedDirectory;
        if (!File.Exists(Path.Combine(directory, "model.onnx")))
        {
            logger.LogWarning("No shipped signal model in {Directory}; signals come from the registry only", directory);
            return;
        }

        try
        {
            var registration = await ModelRegistrations.FromDirectoryAsync(directory, cancellationToken);
            var seeded = await registry.SeedAsync(ModelRegistry.GlobalTenant, RegistrySignalClassifier.ModelName, registration, Actor, cancellationToken);
            if (seeded is { Active: true })
            {
                logger.LogInformation("Registered and activated the shipped signal model as global '{Name}' v{Version}", seeded.Name, seeded.Version);
            }
            else if (seeded is not null)
            {
                logger.LogWarning(
                    "Registered the shipped signal model as global '{Name}' v{Version} but left it inactive: an operator chose the active version; activate v{Version} to use it",
                    seeded.Name, seeded.Version, seeded.Version);
            }
        }
        catch (Exception error) when (error is ModelRegistryException or OnnxRuntimeException or DllNotFoundException)
        {
            logger.LogWarning("The shipped signal model was not registered: {Reason}", error.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
