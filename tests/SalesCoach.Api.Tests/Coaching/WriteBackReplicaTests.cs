using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using SalesCoach.Api.Coaching.WriteBack;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Crm.Tests.Fakes;
using SalesCoach.Crm.WriteBack;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Tenants;
using SalesCoach.TestSupport;
using static SalesCoach.Api.Tests.Coaching.WriteBackTests;

namespace SalesCoach.Api.Tests.Coaching;

/// <summary>
/// Write-back across replicas: real hosts over one PostgreSQL database and one fake Salesforce org. Every job runs on
/// exactly one replica (each interaction's note is looked up once and created once), a replica that died holding a job
/// gives it up when its lease runs out, and a job it had already written to the CRM is not written a second time.
/// </summary>
public sealed class WriteBackReplicaTests
{
    [Fact]
    public async Task TwoReplicasStartingTogether_EveryPendingJobRunsOnExactlyOneOfThem()
    {
        const int jobs = 16;
        await using var salesforce = new FakeSalesforce { AlwaysFault = new Fault(Delay: TimeSpan.FromMilliseconds(20)) };
        await salesforce.StartAsync();
        await using var store = await TestStore.CreateAsync(StorageProvider.Postgres, new CoachingMigrations());
        var (apiKey, ids) = await PendingJobsAsync(store, salesforce, jobs);

        // Both replicas find all of them pending at start and race for them.
        var replicas = await Task.WhenAll(Task.Run(() => Replica(store)), Task.Run(() => Replica(store)));
        try
        {
            using var client = Client(replicas[1], apiKey);
            foreach (var id in ids)
            {
                await WaitForAsync(client, id, WriteBackStatus.Written);
            }

            Assert.Equal(jobs, salesforce.Records["Task"].Count);
            Assert.Equal(jobs, salesforce.Count("POST", $"/services/data/{FakeSalesforce.Version}/sobjects/Task"));
            // One look-up per job: a job that ran on both replicas would be looked up twice (and found the second time).
            Assert.Equal(jobs, salesforce.Count("GET", $"/services/data/{FakeSalesforce.Version}/query"));
        }
        finally
        {
            await Task.WhenAll(replicas.Select(r => r.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task ReplicaDiedHoldingAJob_AnotherTakesItOnlyWhenTheLeaseRunsOut()
    {
        await using var salesforce = new FakeSalesforce();
        await salesforce.StartAsync();
        await using var store = await TestStore.CreateAsync(StorageProvider.Postgres, new CoachingMigrations());
        var (apiKey, ids) = await PendingJobsAsync(store, salesforce, 1);
        var leaseUntil = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddSeconds(3).ToUnixTimeMilliseconds());
        await HeldByDeadReplicaAsync(store, ids[0], leaseUntil);

        await using var survivor = Replica(store);
        using var client = Client(survivor, apiKey);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var before = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/interactions/{ids[0]}/writeback");
        var callsBefore = salesforce.Requests.Count;
        var written = await WaitForAsync(client, ids[0], WriteBackStatus.Written);

        Assert.Equal(WriteBackStatus.Pending, before.GetProperty("status").GetString());
        Assert.Equal(0, callsBefore);
        Assert.True(written.GetProperty("updatedAt").GetDateTimeOffset() >= leaseUntil);
        Assert.Single(salesforce.Records["Task"]);
        await using var connection = await store.Database.OpenAsync();
        Assert.Null(await connection.ExecuteScalarAsync<string?>("SELECT claimed_by FROM coaching_writebacks"));
    }

    [Fact]
    public async Task ReplicaDiedAfterWritingTheNote_TheNextRunFindsItAndCreatesNoSecond()
    {
        await using var salesforce = new FakeSalesforce();
        await salesforce.StartAsync();
        await using var store = await TestStore.CreateAsync(StorageProvider.Postgres, new CoachingMigrations());
        var (apiKey, ids) = await PendingJobsAsync(store, salesforce, 1);
        // The dead replica's Task reached Salesforce; its "written" never reached the store.
        var earlier = salesforce.Add("Task", new JsonObject
        {
            ["Subject"] = $"Call coaching summary [SalesCoach {ids[0]}]", ["Description"] = "as far as it got", ["WhatId"] = RecordId,
        });
        await HeldByDeadReplicaAsync(store, ids[0], DateTimeOffset.UtcNow.AddMilliseconds(-1));

        await using var survivor = Replica(store);
        using var client = Client(survivor, apiKey);
        var written = await WaitForAsync(client, ids[0], WriteBackStatus.Written);

        Assert.Equal(earlier, written.GetProperty("noteId").GetString());
        Assert.Single(salesforce.Records["Task"]);
        Assert.Equal(0, salesforce.Count("POST", $"/services/data/{FakeSalesforce.Version}/sobjects/Task"));
        Assert.Contains(ids[0], (string?)salesforce.Records["Task"][earlier]["Subject"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOutlivingItsLease_StopsOnceAnotherReplicaTookTheJob_AndRecordsNothing()
    {
        // Salesforce hangs on the first call for longer than the lease; meanwhile another replica takes the job.
        await using var salesforce = new FakeSalesforce { AlwaysFault = new Fault(Delay: TimeSpan.FromSeconds(3)) };
        await salesforce.StartAsync();
        await using var store = await TestStore.CreateAsync(StorageProvider.Postgres, new CoachingMigrations());
        var (_, ids) = await PendingJobsAsync(store, salesforce, 1);

        await using var slow = Replica(store, lease: "00:00:00.600");
        for (var waited = 0; salesforce.Requests.IsEmpty && waited < 200; waited++)
        {
            await Task.Delay(50);
        }

        await HeldByAsync(store, ids[0], "replica-that-took-over", DateTimeOffset.UtcNow.AddMinutes(1));
        await Task.Delay(TimeSpan.FromSeconds(3.5));

        Assert.Single(salesforce.Requests);
        Assert.False(salesforce.Records.ContainsKey("Task"));
        await using var connection = await store.Database.OpenAsync();
        var row = await connection.QuerySingleAsync<(string Status, long Attempts, string? Owner)>(
            "SELECT status, attempts, claimed_by FROM coaching_writebacks");
        Assert.Equal((WriteBackStatus.Pending, 0L, "replica-that-took-over"), row);
    }

    private static CoachingApiFactory Replica(TestStore store, string lease = "00:00:02")
    {
        var settings = Settings();
        settings["Coaching:WriteBack:PollInterval"] = "00:00:00.100";
        settings["Coaching:WriteBack:LeaseDuration"] = lease;
        return CoachingApiFactory.Start(store, settings: settings);
    }

    private static HttpClient Client(CoachingApiFactory replica, string apiKey)
    {
        var client = replica.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>
    /// Completed interactions whose write-back jobs are pending, made by a host that is gone again: they were skipped
    /// (no connection yet), then the org was connected and the jobs set back to pending, as a shutdown would leave them.
    /// </summary>
    private static async Task<(string ApiKey, List<string> Ids)> PendingJobsAsync(TestStore store, FakeSalesforce salesforce, int count)
    {
        var ids = new List<string>();
        string apiKey;
        await using (var setup = CoachingApiFactory.Start(store, settings: Settings()))
        {
            var (tenantId, client) = await setup.NewTenantClientAsync();
            apiKey = client.DefaultRequestHeaders.Authorization!.Parameter!;
            for (var i = 0; i < count; i++)
            {
                ids.Add(await CompletedAsync(client));
            }

            foreach (var id in ids)
            {
                await WaitForAsync(client, id, WriteBackStatus.Skipped);
            }

            await ConnectAsync(setup, tenantId, salesforce);
            await setup.Services.GetRequiredService<CrmTokenStore>().SaveAsync(tenantId, CrmKinds.Salesforce, UserId, salesforce.AccessToken, null, default);
        }

        await using var connection = await store.Database.OpenAsync();
        await connection.ExecuteAsync("UPDATE coaching_writebacks SET status = 'pending', attempts = 0, last_error = NULL");
        return (apiKey, ids);
    }

    private static Task HeldByDeadReplicaAsync(TestStore store, string interactionId, DateTimeOffset leaseUntil) =>
        HeldByAsync(store, interactionId, "replica-that-died", leaseUntil);

    private static async Task HeldByAsync(TestStore store, string interactionId, string owner, DateTimeOffset leaseUntil)
    {
        await using var connection = await store.Database.OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE coaching_writebacks SET claimed_by = @owner, lease_until = @until WHERE interaction_id = @interactionId",
            new { interactionId, owner, until = leaseUntil.ToUnixTimeMilliseconds() });
    }
}
