using Microsoft.Extensions.Logging.Abstractions;
using SalesCoach.Coaching.Signals;
using SalesCoach.Inference.Registry;
using SalesCoach.Inference.Runtime;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Migrations;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Cli.Coaching;

/// <summary>
/// The in-process per-segment run again, with signals served as the host serves them: the shipped model
/// seeded into a throw-away SQLite registry and leased from <see cref="ModelHost"/> per segment.
/// Compared with direct-file runs in the same process, it shows what the registry path costs.
/// </summary>
internal static class RegistrySignalBenchmark
{
    /// <summary>
    /// Alternates direct-file and registry runs (file, registry, file, registry) and answers the last of each,
    /// so neither side is the one that pays for JIT and tiering.
    /// </summary>
    public static async Task<(InProcessSegmentBenchmark.Result File, InProcessSegmentBenchmark.Result Registry)> CompareAsync(
        IReadOnlyList<(string Speaker, string Text)> utterances, ISignalClassifier fileClassifier, int segments, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("salescoach-bench-registry-");
        try
        {
            await using var database = SqlDatabase.Create(new StorageOptions { Provider = StorageProvider.Sqlite, DataDirectory = directory.FullName });
            await new Migrator(database, [CoreSchema.Source, new InferenceMigrations()], TimeProvider.System, NullLogger<Migrator>.Instance)
                .MigrateAsync(cancellationToken);
            var registry = new ModelRegistry(database, TimeProvider.System);
            var shipped = await ModelRegistrations.FromDirectoryAsync(SignalModelLoader.ShippedDirectory, cancellationToken);
            await registry.SeedAsync(ModelRegistry.GlobalTenant, RegistrySignalClassifier.ModelName, shipped, "bench", cancellationToken);
            using var host = new ModelHost(registry, new InferenceSessionOptions { IntraOpThreads = 1 });
            var classifier = new RegistrySignalClassifier(host, TimeProvider.System, NullLogger<RegistrySignalClassifier>.Instance);
            (InProcessSegmentBenchmark.Result File, InProcessSegmentBenchmark.Result Registry) last = default;
            for (var round = 0; round < 2; round++)
            {
                last = (InProcessSegmentBenchmark.Run(utterances, fileClassifier, segments), InProcessSegmentBenchmark.Run(utterances, classifier, segments));
            }

            return last;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }
}
