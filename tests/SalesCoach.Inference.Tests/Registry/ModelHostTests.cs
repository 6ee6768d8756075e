using SalesCoach.Inference.Models;
using SalesCoach.Inference.Registry;
using SalesCoach.Inference.Runtime;
using SalesCoach.Storage.Database;

namespace SalesCoach.Inference.Tests.Registry;

[Collection(nameof(Runtime.LeakTests))] // counts live native sessions, so it must not overlap the leak tests
public sealed class ModelHostTests
{
    private const string Global = ModelRegistry.GlobalTenant;
    private static readonly (long[] Ids, float[] Weights) Input = RandomModels.Batch(99, 211, 1, 30);

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task AcquireAsync_WhileActivatingAndRollingBack_NoCallFailsAndEveryAnswerMatchesItsVersion(StorageProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await RegistryFixture.CreateAsync(provider);
        var expected = new Dictionary<int, float[]>();
        for (var version = 1; version <= 3; version++)
        {
            await fixture.Registry.RegisterAsync(Global, "signals", RegistryFixture.Registration(version), ct);
            expected[version] = new EmbeddingBagScorer(RegistryFixture.Classifier(version)).Score(Input.Ids, Input.Weights);
        }

        await fixture.Registry.ActivateAsync(Global, "signals", 1, "test", ct);
        var liveBefore = Runtime.LiveSessions.Settled();
        var host = new ModelHost(fixture.Registry);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var servedBy = new int[4];
        var cycles = 0;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        var calls = 0;

        // Each worker makes at least 2500 calls and keeps going until the admin has cycled the versions three times.
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 2500 || (Volatile.Read(ref cycles) < 3 && DateTime.UtcNow < deadline); i++)
            {
                Interlocked.Increment(ref calls);
                try
                {
                    using var lease = await host.AcquireAsync("any-tenant", "signals", ct);
                    var scores = lease.Session.Score(Input.Ids, Input.Weights);
                    var version = lease.Version.Version;
                    Interlocked.Increment(ref servedBy[version]);
                    if (!expected[version].Zip(scores).All(p => MathF.Abs(p.First - p.Second) <= 1e-5f))
                    {
                        failures.Enqueue($"scores of call {i} do not match version {version}");
                    }
                }
                catch (Exception error)
                {
                    failures.Enqueue(error.ToString());
                }
            }
        }, ct)).ToArray();

        var admin = Task.Run(async () =>
        {
            // activate 2, activate 3, roll back (-> 2), roll back (-> 1), again and again until the workers finish.
            while (!workers.All(w => w.IsCompleted))
            {
                await host.ActivateAsync(Global, "signals", 2, "test", ct);
                await host.ActivateAsync(Global, "signals", 3, "test", ct);
                await host.RollbackAsync(Global, "signals", "test", ct);
                await host.RollbackAsync(Global, "signals", "test", ct);
                Interlocked.Increment(ref cycles);
            }
        }, ct);
        await Task.WhenAll(workers);
        await admin;

        TestContext.Current.TestOutputHelper?.WriteLine($"{calls} calls, {cycles} cycles of 4 swaps; calls per version: {string.Join(", ", servedBy)}");
        Assert.Empty(failures);
        Assert.True(cycles >= 3, $"only {cycles} activation cycles ran before the deadline");
        Assert.Equal(calls, servedBy.Sum());
        Assert.True(servedBy.Count(n => n > 0) >= 2, $"calls per version: {string.Join(", ", servedBy)}");
        host.Dispose();
        Assert.Equal(liveBefore, InferenceSession.LiveSessionCount); // every swapped-out session was released
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task AcquireAsync_TenantOverride_ServesOverrideThenGlobalAfterRollback(StorageProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await RegistryFixture.CreateAsync(provider);
        var tenant = await fixture.CreateTenantAsync("Acme");
        await fixture.Registry.RegisterAsync(Global, "signals", RegistryFixture.Registration(1), ct);
        await fixture.Registry.ActivateAsync(Global, "signals", 1, "test", ct);
        using var host = new ModelHost(fixture.Registry);

        using (var lease = await host.AcquireAsync(tenant, "signals", ct))
        {
            Assert.Equal(Global, lease.Version.TenantId);
        }

        await fixture.Registry.RegisterAsync(tenant, "signals", RegistryFixture.Registration(5), ct);
        await host.ActivateAsync(tenant, "signals", 1, "test", ct);
        using (var lease = await host.AcquireAsync(tenant, "signals", ct))
        {
            Assert.Equal(tenant, lease.Version.TenantId);
            var expected = new EmbeddingBagScorer(RegistryFixture.Classifier(5)).Score(Input.Ids, Input.Weights);
            Runtime.IndependentModelTests.AssertClose(expected, lease.Session.Score(Input.Ids, Input.Weights));
        }

        using (var other = await host.AcquireAsync("someone-else", "signals", ct))
        {
            Assert.Equal(Global, other.Version.TenantId);
        }

        await host.RollbackAsync(tenant, "signals", "test", ct);
        using (var lease = await host.AcquireAsync(tenant, "signals", ct))
        {
            Assert.Equal(Global, lease.Version.TenantId);
        }
    }

    [Fact]
    public async Task AcquireAsync_NothingActive_ThrowsClearly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await RegistryFixture.CreateAsync(StorageProvider.Sqlite);
        using var host = new ModelHost(fixture.Registry);

        var error = await Assert.ThrowsAsync<ModelRegistryException>(async () => await host.AcquireAsync("t", "signals", ct));
        Assert.Contains("No active version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshAsync_ActivationByAnotherProcess_IsPickedUp()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await RegistryFixture.CreateAsync(StorageProvider.Sqlite);
        await fixture.Registry.RegisterAsync(Global, "signals", RegistryFixture.Registration(1), ct);
        await fixture.Registry.RegisterAsync(Global, "signals", RegistryFixture.Registration(2), ct);
        await fixture.Registry.ActivateAsync(Global, "signals", 1, "test", ct);
        using var host = new ModelHost(fixture.Registry);
        using (var lease = await host.AcquireAsync("t", "signals", ct))
        {
            Assert.Equal(1, lease.Version.Version);
        }

        // Another registry object over the same store stands in for the CLI or a second replica.
        await new ModelRegistry(fixture.Store.Database, TimeProvider.System).ActivateAsync(Global, "signals", 2, "cli", ct);
        await host.RefreshAsync(ct);

        using var after = await host.AcquireAsync("t", "signals", ct);
        Assert.Equal(2, after.Version.Version);
    }
}
