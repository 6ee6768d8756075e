using System.Diagnostics;
using System.Net;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Storage.Database;
using SalesCoach.TestSupport;

namespace SalesCoach.Api.Tests.Coaching;

/// <summary>
/// Two real hosts (replicas A and B) over one fresh store. <paramref name="settings"/> go to both: the RabbitMQ transport
/// joins them through the broker; without it each has its own in-process bus and neither hears of the other's events.
/// </summary>
internal sealed class TwoReplicas : IAsyncDisposable
{
    private TwoReplicas(TestStore store, CoachingApiFactory a, CoachingApiFactory b) => (Store, A, B) = (store, a, b);

    public TestStore Store { get; }

    public CoachingApiFactory A { get; }

    public CoachingApiFactory B { get; }

    public static async Task<TwoReplicas> StartAsync(StorageProvider provider, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var store = await TestStore.CreateAsync(provider, new CoachingMigrations());
        return new TwoReplicas(store, CoachingApiFactory.Start(store, settings: settings), CoachingApiFactory.Start(store, settings: settings));
    }

    /// <summary>A new tenant's admin key, as a client of each replica, once both replicas are ready.</summary>
    public async Task<(string TenantId, HttpClient OnA, HttpClient OnB)> TenantAsync(string name = "Tenant")
    {
        var (tenantId, onA) = await A.NewTenantClientAsync(name);
        var onB = B.CreateClient();
        onB.DefaultRequestHeaders.Authorization = onA.DefaultRequestHeaders.Authorization;
        await WaitReadyAsync(onA);
        await WaitReadyAsync(onB);
        return (tenantId, onA, onB);
    }

    /// <summary>Waits until the replica answers ready (its store, and its broker connection when it has one).</summary>
    public static async Task WaitReadyAsync(HttpClient client)
    {
        var watch = Stopwatch.StartNew();
        while ((await client.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "The replica did not become ready.");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        await Store.DisposeAsync();
    }
}
