using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using SalesCoach.Coaching.Signals;
using SalesCoach.Inference.Data;
using SalesCoach.Inference.Featurization;
using SalesCoach.Inference.Registry;
using SalesCoach.Inference.Training;
using SalesCoach.Storage.Database;
using SalesCoach.TestSupport;

namespace SalesCoach.Api.Tests.Coaching;

/// <summary>
/// Signals served through the model registry: the shipped model is seeded once as the global
/// <c>signals</c> model, a tenant's own version changes only that tenant's answers, and a new global
/// version activated outside the host (as the CLI would) is picked up by the refresh without a restart.
/// </summary>
public class SignalRegistryTests
{
    private const string Name = RegistrySignalClassifier.ModelName;
    private const string MarkerText = "zebra quartz zebra";

    private static readonly Dictionary<string, string?> FastRefresh = new() { ["Inference:RefreshSeconds"] = "1" };

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Start_Restart_ShippedModelRegisteredOnceAsGlobalV1(StorageProvider provider)
    {
        var (store, first) = await CoachingApiFactory.CreateAsync(provider, keywordSignals: false);
        await using var _ = store;
        await first.DisposeAsync();
        await using var restarted = new CoachingApiFactory(store, null);
        restarted.UseKestrel(0);
        restarted.StartServer();

        var versions = await restarted.Services.GetRequiredService<ModelRegistry>().ListAsync(ModelRegistry.GlobalTenant, Name);
        var only = Assert.Single(versions);
        Assert.Equal(1, only.Version);
        Assert.True(only.Active);
        Assert.Equal(ModelDirectory.LoadMetadata(SignalModelLoader.ShippedDirectory).Labels, only.Labels);
        var classifier = restarted.Services.GetRequiredService<ISignalClassifier>();
        Assert.True(classifier.IsModelLoaded, classifier.Description);
        Assert.Contains("v1", classifier.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task SeedAsync_FourHostsAtOnce_ExactlyOneVersionRegisteredAndActivated(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new InferenceMigrations());
        var shipped = await ModelRegistrations.FromDirectoryAsync(SignalModelLoader.ShippedDirectory);
        // One registry (own connections) per simulated host, all seeding at the same moment.
        using var start = new ManualResetEventSlim();
        var seeds = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await new ModelRegistry(store.Database, TimeProvider.System).SeedAsync(ModelRegistry.GlobalTenant, Name, shipped, "test");
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(seeds);

        Assert.Single(results, r => r is not null);
        var registry = new ModelRegistry(store.Database, TimeProvider.System);
        Assert.Equal(1, Assert.Single(await registry.ListAsync(ModelRegistry.GlobalTenant, Name)).Version);
        Assert.Single(await registry.HistoryAsync(ModelRegistry.GlobalTenant, Name));
        Assert.Equal(1, (await registry.ResolveAsync("any-tenant", Name))?.Version);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Classify_TenantOverride_ChangesThatTenantOnly(StorageProvider provider)
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider, keywordSignals: false);
        await using var _ = store;
        await using var __ = factory;
        var (tenantA, clientA) = await factory.NewTenantClientAsync("A");
        var (_, clientB) = await factory.NewTenantClientAsync("B");
        Assert.DoesNotContain("override_marker", await LabelsAsync(clientA, MarkerText));

        var registry = factory.Services.GetRequiredService<ModelRegistry>();
        var version = await registry.RegisterAsync(tenantA, Name, await TrainMarkerModelAsync("override_marker"));
        await factory.Services.GetRequiredService<ModelHost>().ActivateAsync(tenantA, Name, version.Version, "test");

        Assert.Contains("override_marker", await LabelsAsync(clientA, MarkerText));
        Assert.DoesNotContain("override_marker", await LabelsAsync(clientA, "Thanks, see you on the call tomorrow."));
        Assert.DoesNotContain("override_marker", await LabelsAsync(clientB, MarkerText));
        // Live segments of tenant A go through the same override.
        var id = await clientA.CreateInteractionAsync();
        var segment = await clientA.PostSegmentsAsync(id, CoachingClient.Segment(0, "customer", MarkerText, 0, 2_000));
        segment.EnsureSuccessStatusCode();
        await using var connection = await store.Database.OpenAsync();
        var stored = await connection.ExecuteScalarAsync<string>(
            "SELECT signals FROM coaching_segments WHERE tenant_id = @tenantA AND interaction_id = @id", new { tenantA, id });
        Assert.Contains("override_marker", stored, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Classify_NewGlobalVersionActivatedElsewhere_PickedUpWithoutRestart(StorageProvider provider)
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider, keywordSignals: false, FastRefresh);
        await using var _ = store;
        await using var __ = factory;
        var (_, client) = await factory.NewTenantClientAsync("B");
        Assert.DoesNotContain("global_marker", await LabelsAsync(client, MarkerText));

        // Straight to the registry, not through the host: as the CLI or another replica would.
        var registry = factory.Services.GetRequiredService<ModelRegistry>();
        var version = await registry.RegisterAsync(ModelRegistry.GlobalTenant, Name, await TrainMarkerModelAsync("global_marker"));
        Assert.Equal(2, version.Version);
        await registry.ActivateAsync(ModelRegistry.GlobalTenant, Name, version.Version, "test");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        IReadOnlyList<string> labels;
        do
        {
            await Task.Delay(200);
            labels = await LabelsAsync(client, MarkerText);
        }
        while (!labels.Contains("global_marker") && DateTime.UtcNow < deadline);

        Assert.Contains("global_marker", labels);
    }

    private static async Task<IReadOnlyList<string>> LabelsAsync(HttpClient client, string text)
    {
        var response = await client.PostAsJsonAsync("/api/v1/signals/classify", new { language = "en", texts = new[] { text } });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("results")[0].GetProperty("labels").EnumerateArray().Select(l => l.GetProperty("label").GetString()!).ToList();
    }

    /// <summary>A tiny multi-label model that answers <paramref name="marker"/> for texts made of two made-up words, and nothing else.</summary>
    private static async Task<ModelRegistration> TrainMarkerModelAsync(string marker)
    {
        string[] fillers = ["well", "so", "honestly", "look", "right", "you know", "i think", "okay"];
        string[] others = ["the weather is nice", "thanks for joining", "see you tomorrow", "can you hear me", "let me share my screen", "good morning"];
        var random = new Random(7);
        var rows = new List<LabeledExample>();
        for (var i = 0; i < 120; i++)
        {
            var filler = fillers[random.Next(fillers.Length)];
            rows.Add(new LabeledExample(i % 2 == 0 ? $"{filler} zebra quartz" : $"zebra {filler} quartz", [marker]));
            rows.Add(new LabeledExample($"{filler} {others[random.Next(others.Length)]}", [SignalModel.NoSignalLabel]));
        }

        var trained = EmbeddingBagTrainer.Train(rows, new TrainerOptions
        {
            Featurizer = new FeaturizerOptions { Buckets = 4096 },
            Dim = 8,
            MaxEpochs = 60,
            MultiLabel = true,
            Seed = 3,
        });
        var directory = Directory.CreateTempSubdirectory("signals-model-");
        try
        {
            ModelDirectory.Save(directory.FullName, trained);
            return await ModelRegistrations.FromDirectoryAsync(directory.FullName);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
