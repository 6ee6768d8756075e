using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SalesCoach.Inference.Registry;
using SalesCoach.Inference.Runtime;

namespace SalesCoach.Coaching.Signals;

/// <summary>
/// At start-up (after the migrations), makes the shipped model (Signals/Model) version 1 of the global
/// <c>signals</c> model and activates it, unless the registry already has a global <c>signals</c> model.
/// <see cref="ModelRegistry.SeedAsync"/> checks and writes under the registry's per-model lock, so a restart
/// or two hosts starting at once never add a second version. Failing to seed (no ONNX Runtime, no file)
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
            if (seeded is not null)
            {
                logger.LogInformation("Registered and activated the shipped signal model as global '{Name}' v{Version}", seeded.Name, seeded.Version);
            }
        }
        catch (Exception error) when (error is ModelRegistryException or OnnxRuntimeException or DllNotFoundException)
        {
            logger.LogWarning("The shipped signal model was not registered: {Reason}", error.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
