using System.Net;
using System.Text.Json;
using Dapper;
using SalesCoach.Api.Privacy;
using SalesCoach.Api.Tests.Coaching;
using SalesCoach.Api.Tests.Infrastructure;
using SalesCoach.Storage.Database;
using SalesCoach.TestSupport;
using static SalesCoach.Api.Tests.Coaching.CoachingClient;

namespace SalesCoach.Api.Tests.Privacy;

/// <summary>
/// An erasure on replica A against an append on replica B to the same call, over one store. The replicas do not share a
/// bus here, so B never hears of the erasure: what stops B is the store alone. The two interleavings inside the store
/// are forced on PostgreSQL with a trigger that sleeps; SQLite's single writer runs whole transactions one after another,
/// so on SQLite only the first test applies.
/// </summary>
public class ErasureRaceTests
{
    private const string Record = "contact-7731";

    [Theory, ClassData(typeof(BothStores))]
    public async Task Append_OnAReplicaStillHoldingTheErasedCall_AnswersAsForAnUnknownOneAndWritesNothing(StorageProvider provider)
    {
        await using var replicas = await TwoReplicas.StartAsync(provider);
        var (tenantId, onA, onB) = await replicas.TenantAsync();
        var id = await onA.CreateInteractionAsync(Footprint.Call(Record, "rep-1"));
        // B holds the call's live state from here on.
        Assert.Equal(HttpStatusCode.OK, (await onB.PostSegmentsAsync(id, Segment(1, "rep", "How is the rollout going?", 0, 3_000))).StatusCode);

        var erased = await Footprint.EraseAsync(onA, new { recordId = Record });
        var late = await onB.PostSegmentsAsync(id, Segment(2, "customer", "Honestly it is too expensive for us.", 4_000, 8_000));
        var unknown = await onB.PostSegmentsAsync(Guid.NewGuid().ToString("N"), Segment(1, "rep", "Hello?", 0, 1_000));

        Assert.Equal(1, erased.GetProperty("erased").GetProperty("interactions").GetInt64());
        Assert.Equal(
            Comparable(await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound)),
            Comparable(await ProblemAssert.IsProblemAsync(late, HttpStatusCode.NotFound)));
        Assert.Equal(HttpStatusCode.NotFound, (await onB.PostSegmentsAsync(id, Segment(3, "rep", "Still there?", 9_000, 10_000))).StatusCode);
        await AssertNothingLeftAsync(replicas, tenantId);
    }

    [Fact]
    public async Task Append_WhileTheErasureIsCommitting_WaitsForItThenAnswers404AndWritesNothing()
    {
        await using var replicas = await TwoReplicas.StartAsync(StorageProvider.Postgres);
        var (tenantId, onA, onB) = await replicas.TenantAsync();
        var id = await onA.CreateInteractionAsync(Footprint.Call(Record, "rep-1"));
        Assert.Equal(HttpStatusCode.OK, (await onB.PostSegmentsAsync(id, Segment(1, "rep", "How is the rollout going?", 0, 3_000))).StatusCode);
        await SlowDownAsync(replicas.Store.Database, "BEFORE DELETE ON coaching_interactions", "OLD");

        var erasure = Footprint.EraseAsync(onA, new { recordId = Record });
        await SleepingInTheStoreAsync(replicas.Store.Database);
        var late = await onB.PostSegmentsAsync(id, Segment(2, "customer", "Honestly it is too expensive for us.", 4_000, 8_000));

        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
        Assert.Equal(1, (await erasure).GetProperty("erased").GetProperty("interactions").GetInt64());
        await AssertNothingLeftAsync(replicas, tenantId);
    }

    [Fact]
    public async Task Erase_WhileAnAppendIsCommitting_WaitsForItAndErasesWhatItWrote()
    {
        await using var replicas = await TwoReplicas.StartAsync(StorageProvider.Postgres);
        var (tenantId, onA, onB) = await replicas.TenantAsync();
        var id = await onA.CreateInteractionAsync(Footprint.Call(Record, "rep-1"));
        Assert.Equal(HttpStatusCode.OK, (await onB.PostSegmentsAsync(id, Segment(1, "rep", "How is the rollout going?", 0, 3_000))).StatusCode);
        await SlowDownAsync(replicas.Store.Database, "BEFORE INSERT ON coaching_events", "NEW");

        var append = onB.PostSegmentsAsync(id, Segment(2, "customer", "Honestly it is too expensive for us.", 4_000, 8_000));
        await SleepingInTheStoreAsync(replicas.Store.Database);
        var erased = await Footprint.EraseAsync(onA, new { recordId = Record });

        // The append came first: it is answered, and the erasure, which waited for it, takes its rows too.
        Assert.Equal(HttpStatusCode.OK, (await append).StatusCode);
        Assert.Equal(2, erased.GetProperty("erased").GetProperty("segments").GetInt64());
        await AssertNothingLeftAsync(replicas, tenantId);
    }

    /// <summary>Makes every row of a statement on the table wait 2 s inside its transaction.</summary>
    private static async Task SlowDownAsync(SqlDatabase database, string when, string row)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            $"""
            CREATE FUNCTION slow_row() RETURNS trigger AS $$ BEGIN PERFORM pg_sleep(2); RETURN {row}; END $$ LANGUAGE plpgsql;
            CREATE TRIGGER slow_row {when} FOR EACH ROW EXECUTE FUNCTION slow_row();
            """);
    }

    /// <summary>Waits until a statement of this database sleeps in the trigger, i.e. holds its transaction open mid-way.</summary>
    private static async Task SleepingInTheStoreAsync(SqlDatabase database)
    {
        await using var connection = await database.OpenAsync();
        for (var waited = 0; waited < 500; waited++)
        {
            if (await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep'") > 0)
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail("No statement reached the sleeping trigger.");
    }

    private static async Task AssertNothingLeftAsync(TwoReplicas replicas, string tenantId)
    {
        foreach (var table in SubjectTables.SubjectData)
        {
            Assert.True(await replicas.A.CountAsync(table, tenantId) == 0, $"{table} still holds rows of the erased call.");
        }
    }

    /// <summary>The problem document without what differs between two requests (the path and the trace id).</summary>
    private static string Comparable(JsonElement problem) =>
        JsonSerializer.Serialize(problem.EnumerateObject().Where(p => p.Name is not ("instance" or "traceId")).ToDictionary(p => p.Name, p => p.Value));
}
