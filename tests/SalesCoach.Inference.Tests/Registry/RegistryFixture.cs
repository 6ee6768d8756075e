using SalesCoach.Inference.Models;
using SalesCoach.Inference.Onnx;
using SalesCoach.Inference.Registry;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Tenants;
using SalesCoach.TestSupport;

namespace SalesCoach.Inference.Tests.Registry;

/// <summary>A migrated store with the inference module, a registry over it and helpers to make distinguishable model versions.</summary>
internal sealed class RegistryFixture : IAsyncDisposable
{
    private RegistryFixture(TestStore store)
    {
        Store = store;
        Registry = new ModelRegistry(store.Database, TimeProvider.System);
    }

    public TestStore Store { get; }

    public ModelRegistry Registry { get; }

    public static async Task<RegistryFixture> CreateAsync(StorageProvider provider) =>
        new(await TestStore.CreateAsync(provider, new InferenceMigrations()));

    public async Task<string> CreateTenantAsync(string name) => (await new TenantStore(Store.Database, TimeProvider.System).CreateAsync(name)).Tenant.Id;

    /// <summary>A classifier whose weights come from <paramref name="seed"/>, so its scores tell which version answered.</summary>
    public static EmbeddingBagClassifier Classifier(int seed) => RandomModels.Classifier(seed, OutputActivation.Softmax, buckets: 211, dim: 8, labels: 3);

    public static ModelRegistration Registration(int seed) => new(
        EmbeddingBagOnnxExporter.Export(Classifier(seed)),
        ["buy", "object", "none"],
        ["en", "de"],
        $"sha256:data-{seed}",
        """{"accuracy":0.9}""",
        """{"seed":1}""");

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
