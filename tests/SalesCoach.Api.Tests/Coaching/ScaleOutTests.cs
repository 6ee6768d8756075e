using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using SalesCoach.Storage.Database;
using SalesCoach.TestSupport;
using static SalesCoach.Api.Tests.Coaching.CoachingClient;

namespace SalesCoach.Api.Tests.Coaching;

/// <summary>
/// Two real hosts (replicas) over one PostgreSQL database and the real RabbitMQ broker. The tests share the broker and
/// one of them restarts it, so they live in this one class (xunit runs a class's tests one after another).
/// </summary>
public class ScaleOutTests
{
    private static Dictionary<string, string?> RabbitSettings() => new()
    {
        ["Messaging:Transport"] = "RabbitMq",
        ["Messaging:RabbitMq:Uri"] = TestBroker.Uri(),
        ["Messaging:RabbitMq:RecoverySeconds"] = "1",
    };

    // Turn n: the customer objects on price (a tip after the 120 s cooldown), the rep answers.
    private static object[] Turn(long n) =>
    [
        Segment(2 * n, "customer", "That is too expensive for us", n * 200_000, n * 200_000 + 3_000),
        Segment(2 * n + 1, "rep", "Understood, tell me more", n * 200_000 + 4_000, n * 200_000 + 6_000),
    ];

    private static async Task<int> PostTurnAsync(HttpClient client, string id, long turn)
    {
        var response = await client.PostSegmentsAsync(id, Turn(turn));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("tips").GetArrayLength() + 1; // each tip, then one metrics event
    }

    [Fact]
    public async Task Stream_OnReplicaB_GetsWhatIsPostedToA_InOrder_AndResumesAfterBrokerRestartMissingNothing()
    {
        await using var replicas = await TwoReplicas.StartAsync(StorageProvider.Postgres, RabbitSettings());
        var (_, clientA, clientB) = await replicas.TenantAsync();
        var id = await clientA.CreateInteractionAsync();
        var seen = new List<SseItem<string>>();
        var missed = 0;

        await using (var stream = await SseReader.OpenAsync(clientB, id))
        {
            // Each replica holds the interaction's live state after its own post; the other's post makes that copy
            // stale. Once a replica has seen the other's events (a stream on it shows them), it has dropped its copy and
            // its next post rebuilds from the store first (else its event ids would collide and the post would run twice).
            await using (var onA = await SseReader.OpenAsync(clientA, id))
            {
                foreach (var (client, turn) in new[] { (clientB, 1), (clientA, 2), (clientB, 3) })
                {
                    var count = await PostTurnAsync(client, id, turn);
                    seen.AddRange(await stream.ReadAsync(count));
                    await onA.ReadAsync(count);
                }
            }

            var expected = 0;
            for (var turn = 4; turn <= 6; turn++)
            {
                expected += await PostTurnAsync(clientA, id, turn);
            }

            seen.AddRange(await stream.ReadAsync(expected));

            await TestBroker.StopAppAsync();
            try
            {
                // B ends the stream at once: while the broker is gone it cannot see A's events.
                Assert.True(await stream.EndsAsync(TimeSpan.FromSeconds(10)));

                // The broker is down: a segment POST on A still succeeds, without waiting for it.
                var watch = Stopwatch.StartNew();
                missed += await PostTurnAsync(clientA, id, 7);
                missed += await PostTurnAsync(clientA, id, 8);
                watch.Stop();
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"Two POSTs with the broker down took {watch.Elapsed}.");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, (await clientA.GetAsync("/health/ready")).StatusCode);
            }
            finally
            {
                await TestBroker.StartAppAsync();
            }
        }

        await TwoReplicas.WaitReadyAsync(clientA);
        await TwoReplicas.WaitReadyAsync(clientB);
        await using (var resumed = await SseReader.OpenAsync(clientB, id, long.Parse(seen[^1].EventId!, CultureInfo.InvariantCulture)))
        {
            seen.AddRange(await resumed.ReadAsync(missed));
            var live = await PostTurnAsync(clientA, id, 9);
            seen.AddRange(await resumed.ReadAsync(live));
        }

        Assert.Equal(Enumerable.Range(1, seen.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)), seen.Select(e => e.EventId));
        Assert.Equal(9, seen.Count(e => e.EventType == "metrics"));
        var tips = seen.Where(e => e.EventType == "tip").Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("kind").GetString()).ToList();
        Assert.Equal(9, tips.Count(k => k == "objection_price"));
    }

    [Fact]
    public async Task Stream_OnReplicaB_OnlyGetsItsOwnTenantsEvents_AndEndsWhenAnotherReplicaCompletes()
    {
        await using var replicas = await TwoReplicas.StartAsync(StorageProvider.Postgres, RabbitSettings());
        var (_, tenant1A, _) = await replicas.TenantAsync("One");
        var (_, tenant2A, tenant2B) = await replicas.TenantAsync("Two");
        var other = await tenant1A.CreateInteractionAsync();
        var mine = await tenant2A.CreateInteractionAsync();
        await using var stream = await SseReader.OpenAsync(tenant2B, mine);

        for (var turn = 1; turn <= 3; turn++)
        {
            await PostTurnAsync(tenant1A, other, turn);
        }

        var expected = await PostTurnAsync(tenant2A, mine, 1);
        var events = await stream.ReadAsync(expected);
        await tenant2A.PostAsync($"/api/v1/interactions/{mine}/complete", null);

        // Tenant one's events went through the same exchange first (with the same ids); the stream saw only tenant
        // two's, exactly as its log has them, then its end.
        Assert.True(await stream.EndsAsync(TimeSpan.FromSeconds(10)));
        await using var log = await SseReader.OpenAsync(tenant2A, mine);
        var logged = await log.ReadAsync(expected);
        Assert.Equal(logged.Select(e => (e.EventId, e.EventType, e.Data)), events.Select(e => (e.EventId, e.EventType, e.Data)));
    }

    [Fact]
    public async Task Append_OnReplicaB_RightAfterOrAtOnceWithAnAppendOnA_RebuildsFromTheStoreAndAnswers200()
    {
        await using var replicas = await TwoReplicas.StartAsync(StorageProvider.Postgres, RabbitSettings());
        var (_, clientA, clientB) = await replicas.TenantAsync();
        var id = await clientA.CreateInteractionAsync();
        const int Rounds = 12;
        var turn = 0L;
        var expectedEvents = 0;
        async Task PostAsync(HttpClient client, long n)
        {
            var response = await client.PostSegmentsAsync(id, Turn(n));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"turn {n}: {(int)response.StatusCode} {body}");
            Interlocked.Add(ref expectedEvents, JsonDocument.Parse(body).RootElement.GetProperty("tips").GetArrayLength() + 1);
        }

        // Each post on one replica follows the other's 200 at once, well before the other's stale notice can travel
        // through the broker to it; then both replicas post at the same instant. Every post is answered 200.
        for (var round = 0; round < Rounds; round++)
        {
            await PostAsync(clientA, ++turn);
            await PostAsync(clientB, ++turn);
        }

        for (var round = 0; round < Rounds; round++)
        {
            var (first, second) = (++turn, ++turn);
            await Task.WhenAll(PostAsync(clientA, first), PostAsync(clientB, second));
        }

        // The log is whole and in order, whichever replica wrote it: what the posts answered, one metrics event per
        // post, ids 1..n without a gap; the summary counts every segment.
        await using var log = await SseReader.OpenAsync(clientA, id);
        var events = await log.ReadAsync(expectedEvents);
        Assert.Equal(Enumerable.Range(1, expectedEvents).Select(i => i.ToString(CultureInfo.InvariantCulture)), events.Select(e => e.EventId));
        Assert.Equal(turn, events.Count(e => e.EventType == "metrics"));
        var completed = await clientB.PostAsync($"/api/v1/interactions/{id}/complete", null);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var summary = await completed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(turn * 2, summary.GetProperty("metrics").GetProperty("segments").GetInt64());
    }

    [Fact]
    public async Task Consent_WithdrawnThroughReplicaB_ReplicaAHoldingTheCallRefusesItsNextSegments()
    {
        await using var replicas = await TwoReplicas.StartAsync(StorageProvider.Postgres, RabbitSettings());
        var (tenantId, clientA, clientB) = await replicas.TenantAsync();
        var id = await clientA.CreateInteractionAsync(
            new { crm = "hubspot", recordType = "deal", recordId = "42", repId = "rep-1", language = "en", channel = "call", consent = true });
        // A holds the call's live state, consent included, from here on; a panel watches the call on A.
        var firstEvents = await PostTurnAsync(clientA, id, 1);
        await using var panelOnA = await SseReader.OpenAsync(clientA, id);
        await panelOnA.ReadAsync(firstEvents);

        Assert.Equal(HttpStatusCode.OK, (await clientB.PutAsJsonAsync($"/api/v1/interactions/{id}/consent", new { consent = false })).StatusCode);
        // The panel on A is told through the broker, as the next event of the call.
        var withdrawal = Assert.Single(await panelOnA.ReadAsync(1));
        Assert.Equal("consent", withdrawal.EventType);
        Assert.Equal((firstEvents + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), withdrawal.EventId);
        Assert.False(JsonDocument.Parse(withdrawal.Data).RootElement.GetProperty("consent").GetBoolean());

        // The notice travels through the broker: a post on A that beats it still counts as before the withdrawal. After
        // it, A has dropped its copy, and the store's answer refuses.
        var watch = Stopwatch.StartNew();
        var turn = 2L;
        HttpResponseMessage response;
        while ((response = await clientA.PostSegmentsAsync(id, Turn(turn++))).StatusCode == HttpStatusCode.OK)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "Replica A kept accepting segments after consent was withdrawn on B.");
            await Task.Delay(50);
        }

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var stored = await replicas.A.CountAsync("coaching_segments", tenantId);
        Assert.Equal(HttpStatusCode.Conflict, (await clientB.PostSegmentsAsync(id, Turn(turn))).StatusCode);
        Assert.Equal(stored, await replicas.A.CountAsync("coaching_segments", tenantId));
    }
}
