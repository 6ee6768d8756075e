using SalesCoach.Inference.Registry;
using SalesCoach.Storage.Database;

namespace SalesCoach.Inference.Tests.Registry;

public sealed class ModelRegistryTests
{
    private const string Global = ModelRegistry.GlobalTenant;

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task RegisterAsync_TwoVersions_NumbersThemAndKeepsMetadataAndBytes(StorageProvider provider)
    {
        await using var fixture = await RegistryFixture.CreateAsync(provider);
        var registration = RegistryFixture.Registration(1);

        var first = await fixture.Registry.RegisterAsync(Global, "signals", registration, TestContext.Current.CancellationToken);
        var second = await fixture.Registry.RegisterAsync(Global, "signals", RegistryFixture.Registration(2), TestContext.Current.CancellationToken);

        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.False(first.Active);
        Assert.Equal(["buy", "object", "none"], first.Labels);
        Assert.Equal(["en", "de"], first.Languages);
        Assert.Equal("sha256:data-1", first.TrainingDataHash);
        Assert.Contains("0.9", first.MetricsJson, StringComparison.Ordinal);
        Assert.Equal(registration.Onnx.Length, first.SizeBytes);
        Assert.Equal(registration.Onnx, await fixture.Registry.ReadModelAsync(first, TestContext.Current.CancellationToken));
        Assert.Equal([1, 2], (await fixture.Registry.ListAsync(Global, "signals", TestContext.Current.CancellationToken)).Select(v => v.Version));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task SeedAsync_NewReleaseModel_BecomesNextVersionAndActiveUnlessAnOperatorChose(StorageProvider provider)
    {
        await using var fixture = await RegistryFixture.CreateAsync(provider);
        var ct = TestContext.Current.CancellationToken;
        const string seed = "system:seed";

        var first = await fixture.Registry.SeedAsync(Global, "signals", RegistryFixture.Registration(1), seed, ct);
        Assert.Equal((1, true), (first!.Version, first.Active));
        // A restart with the same release: nothing to do.
        Assert.Null(await fixture.Registry.SeedAsync(Global, "signals", RegistryFixture.Registration(1), seed, ct));

        // An upgrade ships other bytes: next version, active, because the system chose the previous one.
        var second = await fixture.Registry.SeedAsync(Global, "signals", RegistryFixture.Registration(2), seed, ct);
        Assert.Equal((2, true), (second!.Version, second.Active));
        Assert.Equal(2, (await fixture.Registry.ResolveAsync("any-tenant", "signals", ct))?.Version);

        // An operator goes back to v1; the next release is registered but waits for them.
        await fixture.Registry.ActivateAsync(Global, "signals", 1, "admin@example.com", ct);
        var third = await fixture.Registry.SeedAsync(Global, "signals", RegistryFixture.Registration(3), seed, ct);
        Assert.Equal((3, false), (third!.Version, third.Active));
        Assert.Equal(1, (await fixture.Registry.ResolveAsync("any-tenant", "signals", ct))?.Version);
        Assert.Equal([1, 2, 3], (await fixture.Registry.ListAsync(Global, "signals", ct)).Select(v => v.Version));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task RegisterAndActivate_Concurrently_NumbersNeverCollide(StorageProvider provider)
    {
        await using var fixture = await RegistryFixture.CreateAsync(provider);
        var ct = TestContext.Current.CancellationToken;

        var versions = await Task.WhenAll(Enumerable.Range(1, 6).Select(seed => Task.Run(async () =>
        {
            var registered = await fixture.Registry.RegisterAsync(Global, "signals", RegistryFixture.Registration(seed), ct);
            await fixture.Registry.ActivateAsync(Global, "signals", registered.Version, "test", ct);
            return registered.Version;
        }, ct)));

        Assert.Equal([1, 2, 3, 4, 5, 6], versions.Order());
        Assert.Equal(6, (await fixture.Registry.HistoryAsync(Global, "signals", ct)).Select(h => h.Sequence).Distinct().Count());
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task ActivateAndRollback_WalksBackThroughHistory(StorageProvider provider)
    {
        await using var fixture = await RegistryFixture.CreateAsync(provider);
        var registry = fixture.Registry;
        var ct = TestContext.Current.CancellationToken;
        for (var seed = 1; seed <= 3; seed++)
        {
            await registry.RegisterAsync(Global, "signals", RegistryFixture.Registration(seed), ct);
        }

        Assert.Null(await registry.ResolveAsync(Global, "signals", ct));
        await registry.ActivateAsync(Global, "signals", 1, "test", ct);
        await registry.ActivateAsync(Global, "signals", 3, "test", ct);
        await registry.ActivateAsync(Global, "signals", 2, "test", ct);
        Assert.Equal(2, (await registry.ResolveAsync(Global, "signals", ct))!.Version);
        Assert.Equal([2], (await registry.ListAsync(Global, "signals", ct)).Where(v => v.Active).Select(v => v.Version));

        Assert.Equal(3, (await registry.RollbackAsync(Global, "signals", "test", ct))!.Version);
        Assert.Equal(1, (await registry.RollbackAsync(Global, "signals", "test", ct))!.Version);
        var error = await Assert.ThrowsAsync<ModelRegistryException>(() => registry.RollbackAsync(Global, "signals", "test", ct));
        Assert.Contains("no earlier active version", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await registry.ResolveAsync(Global, "signals", ct))!.Version);

        var history = await registry.HistoryAsync(Global, "signals", ct);
        Assert.Equal([2, 3, 1], history.Select(h => h.Version));
        Assert.Equal([true, true, false], history.Select(h => h.RolledBackAt is not null));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task ResolveAsync_TenantOverride_WinsForThatTenantOnly(StorageProvider provider)
    {
        await using var fixture = await RegistryFixture.CreateAsync(provider);
        var registry = fixture.Registry;
        var ct = TestContext.Current.CancellationToken;
        var acme = await fixture.CreateTenantAsync("Acme");
        var globex = await fixture.CreateTenantAsync("Globex");
        await registry.RegisterAsync(Global, "signals", RegistryFixture.Registration(1), ct);
        await registry.ActivateAsync(Global, "signals", 1, "test", ct);
        await registry.RegisterAsync(acme, "signals", RegistryFixture.Registration(7), ct);
        await registry.ActivateAsync(acme, "signals", 1, "test", ct);

        Assert.Equal(acme, (await registry.ResolveAsync(acme, "signals", ct))!.TenantId);
        Assert.Equal(Global, (await registry.ResolveAsync(globex, "signals", ct))!.TenantId);
        Assert.DoesNotContain((await registry.ListAsync(globex, null, ct)), v => v.TenantId == acme);

        // Rolling back the tenant's only override hands it back to the global default.
        var serving = await registry.RollbackAsync(acme, "signals", "test", ct);
        Assert.Equal(Global, serving!.TenantId);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task RegisterAsync_InvalidInput_RefusesAndStoresNothing(StorageProvider provider)
    {
        await using var fixture = await RegistryFixture.CreateAsync(provider);
        var registry = fixture.Registry;
        var ct = TestContext.Current.CancellationToken;
        var valid = RegistryFixture.Registration(1);

        var garbage = await Assert.ThrowsAsync<ModelRegistryException>(() => registry.RegisterAsync(Global, "signals", valid with { Onnx = [1, 2, 3, 4] }, ct));
        Assert.Contains("not a loadable ONNX model", garbage.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ModelRegistryException>(() => registry.RegisterAsync(Global, "Bad Name", valid, ct));
        await Assert.ThrowsAsync<ModelRegistryException>(() => registry.RegisterAsync(Global, "signals", valid with { Labels = ["a", "a"] }, ct));
        await Assert.ThrowsAsync<ModelRegistryException>(() => registry.RegisterAsync(Global, "signals", valid with { MetricsJson = "[1]" }, ct));
        var tenant = await Assert.ThrowsAsync<ModelRegistryException>(() => registry.RegisterAsync("no-such-tenant", "signals", valid, ct));
        Assert.Contains("does not exist", tenant.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ModelRegistryException>(() => registry.ActivateAsync(Global, "signals", 1, "test", ct));

        Assert.Empty(await registry.ListAsync(Global, null, ct));
    }
}
