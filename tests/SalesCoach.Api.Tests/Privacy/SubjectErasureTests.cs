using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using SalesCoach.Api.Privacy;
using SalesCoach.Api.Tests.Coaching;
using SalesCoach.Storage.Database;
using SalesCoach.TestSupport;
using static SalesCoach.Api.Tests.Coaching.CoachingClient;

namespace SalesCoach.Api.Tests.Privacy;

/// <summary><c>POST /api/v1/privacy/erasure</c> through the real host, on both stores.</summary>
public class SubjectErasureTests
{
    private const string Record = "contact-7731";
    private const string OtherRecord = "contact-1002";

    [Theory, ClassData(typeof(BothStores))]
    public async Task Erase_Record_DeletesEveryRowOfItAndNothingElse_OnceAndAudited(StorageProvider provider)
    {
        await using var host = await PrivacyHost.StartAsync(provider);
        var (tenantId, admin) = await host.NewTenantAsync();
        var (otherTenantId, otherAdmin) = await host.NewTenantAsync("Other");
        var content = await Footprint.ContentAsync(admin);
        var otherContent = await Footprint.ContentAsync(otherAdmin);
        var erased = new[]
        {
            await Footprint.CallAsync(admin, content, Record, "rep-1", "Zanzibar"),
            await Footprint.CallAsync(admin, content, Record, "rep-2", "Quetzal", complete: false),
        };
        var kept = await Footprint.CallAsync(admin, content, OtherRecord, "rep-1", "Okapi");
        // The same record id in another tenant is another company's customer.
        var otherTenants = await Footprint.CallAsync(otherAdmin, otherContent, Record, "rep-1", "Zanzibar");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/api/v1/analytics/deals", new { recordId = Record, outcome = "won" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted,
            (await admin.PostAsJsonAsync($"/api/v1/content/{content}/events", new { type = "share", repId = "rep-1", recordId = Record })).StatusCode);
        foreach (var (client, id) in new[] { (admin, erased[0]), (admin, kept), (otherAdmin, otherTenants) })
        {
            await Footprint.SettledAsync(client, id);
        }

        var keptBefore = Footprint.Content(await Footprint.ExportAsync(admin, new { recordId = OtherRecord }));
        var otherTenantBefore = Footprint.Content(await Footprint.ExportAsync(otherAdmin, new { recordId = Record }));
        var otherTenantRows = await CountAllAsync(host, otherTenantId);
        var tenantRowsBefore = await CountAllAsync(host, tenantId);

        var answer = await Footprint.EraseAsync(admin, new { recordId = $"  {Record} " });

        var counts = answer.GetProperty("erased");
        Assert.Equal(2, counts.GetProperty("interactions").GetInt64());
        Assert.Equal(4, counts.GetProperty("segments").GetInt64());
        Assert.Equal(1, counts.GetProperty("summaries").GetInt64());
        Assert.Equal(1, counts.GetProperty("writeBacks").GetInt64());
        Assert.Equal(2, counts.GetProperty("tipFeedback").GetInt64());
        Assert.Equal(2, counts.GetProperty("contentEvents").GetInt64());
        Assert.Equal(3, counts.GetProperty("engagementEvents").GetInt64());
        Assert.Equal(1, counts.GetProperty("dealOutcomes").GetInt64());
        Assert.True(counts.GetProperty("tips").GetInt64() >= 2 && counts.GetProperty("events").GetInt64() >= 4);

        // Dapper expands a list for SQLite and passes an array to Npgsql.
        var inIds = provider == StorageProvider.Postgres ? "= ANY(@ids)" : "IN @ids";
        foreach (var table in SubjectTables.SubjectData)
        {
            var where = table switch
            {
                "coaching_interactions" => $"id {inIds}",
                "content_events" => $"(record_id = @record OR interaction_id {inIds})",
                "deal_outcomes" => "record_id = @record",
                _ => $"interaction_id {inIds}",
            };
            Assert.Equal(0, await CountAsync(host, table, tenantId, where, new { ids = erased, record = Record }));
        }

        var tenantRowsAfter = await CountAllAsync(host, tenantId);
        Assert.Equal(
            tenantRowsBefore.Values.Sum() - SumOf(counts),
            tenantRowsAfter.Values.Sum());
        Assert.Equal(keptBefore, Footprint.Content(await Footprint.ExportAsync(admin, new { recordId = OtherRecord })));
        Assert.Equal(otherTenantBefore, Footprint.Content(await Footprint.ExportAsync(otherAdmin, new { recordId = Record })));
        Assert.Equal(otherTenantRows, await CountAllAsync(host, otherTenantId));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/interactions/{erased[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/interactions/{erased[0]}/summary")).StatusCode);
        var export = await Footprint.ExportAsync(admin, new { recordId = Record });
        Assert.Equal(0, export.GetProperty("interactions").GetArrayLength());
        Assert.Equal(0, export.GetProperty("engagementEvents").GetArrayLength());

        var audit = (await host.AuditAsync(admin)).Single(e => e.Action == "privacy.subject_erased");
        Assert.Contains($"erasure={answer.GetProperty("erasureId").GetString()}", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("interactions=2 segments=4", audit.Detail, StringComparison.Ordinal);
        foreach (var personal in new[] { Record, "Zanzibar", "Quetzal", "rep-2" })
        {
            Assert.DoesNotContain(personal, audit.Detail, StringComparison.OrdinalIgnoreCase);
        }

        var again = await Footprint.EraseAsync(admin, new { recordId = Record });
        Assert.All(again.GetProperty("erased").EnumerateObject(), p => Assert.Equal(0, p.Value.GetInt64()));
        Assert.Equal(tenantRowsAfter, await CountAllAsync(host, tenantId));
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task Erase_StoreFailsMidway_LeavesEverythingAndRecordsNothing_ThenSucceeds(StorageProvider provider)
    {
        await using var host = await PrivacyHost.StartAsync(provider);
        var (tenantId, admin) = await host.NewTenantAsync();
        var content = await Footprint.ContentAsync(admin);
        var id = await Footprint.CallAsync(admin, content, Record, "rep-1", "Zanzibar");
        await Footprint.SettledAsync(admin, id);
        var before = await CountAllAsync(host, tenantId);
        var exportBefore = Footprint.Content(await Footprint.ExportAsync(admin, new { recordId = Record }));

        // The interactions are deleted after every row derived from them: a failure there comes when the rest is gone.
        await using (var connection = await host.Store.Database.OpenAsync())
        {
            await connection.ExecuteAsync(host.Store.Database.IsPostgres
                ? """
                  CREATE FUNCTION fail_delete() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk trouble'; END $$ LANGUAGE plpgsql;
                  CREATE TRIGGER fail_delete BEFORE DELETE ON coaching_interactions FOR EACH ROW EXECUTE FUNCTION fail_delete();
                  """
                : "CREATE TRIGGER fail_delete BEFORE DELETE ON coaching_interactions BEGIN SELECT RAISE(ABORT, 'disk trouble'); END;");
        }

        var failed = await admin.PostAsJsonAsync("/api/v1/privacy/erasure", new { recordId = Record });

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(before, await CountAllAsync(host, tenantId));
        Assert.Equal(exportBefore, Footprint.Content(await Footprint.ExportAsync(admin, new { recordId = Record })));
        Assert.DoesNotContain(await host.AuditAsync(admin), e => e.Action == "privacy.subject_erased");

        await using (var connection = await host.Store.Database.OpenAsync())
        {
            await connection.ExecuteAsync("DROP TRIGGER fail_delete" + (host.Store.Database.IsPostgres ? " ON coaching_interactions" : ""));
        }

        var erased = await Footprint.EraseAsync(admin, new { recordId = Record });
        Assert.Equal(1, erased.GetProperty("erased").GetProperty("interactions").GetInt64());
        Assert.Equal(0, await host.CountAsync("coaching_segments", tenantId));
        Assert.Single(await host.AuditAsync(admin), e => e.Action == "privacy.subject_erased");
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task Erase_LiveInteraction_EndsItsStreamAndLaterSegmentsFindNothing(StorageProvider provider)
    {
        await using var host = await PrivacyHost.StartAsync(provider);
        var (tenantId, admin) = await host.NewTenantAsync();
        var id = await admin.CreateInteractionAsync(Footprint.Call(Record, "rep-1"));
        await using var stream = await SseReader.OpenAsync(admin, id);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostSegmentsAsync(id, Segment(1, "customer", "Is it too expensive?", 0, 3_000))).StatusCode);
        await stream.ReadAsync(2);

        var erased = await Footprint.EraseAsync(admin, new { recordId = Record });

        Assert.Equal(1, erased.GetProperty("erased").GetProperty("interactions").GetInt64());
        Assert.True(await stream.EndsAsync(TimeSpan.FromSeconds(10)), "The erased interaction's stream stayed open.");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostSegmentsAsync(id, Segment(2, "rep", "Let me explain.", 4_000, 6_000))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/interactions/{id}/complete", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/interactions/{id}/events")).StatusCode);
        foreach (var table in new[] { "coaching_interactions", "coaching_segments", "coaching_tips", "coaching_events", "coaching_summaries" })
        {
            Assert.Equal(0, await host.CountAsync(table, tenantId));
        }
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task Erase_Rep_DeletesTheirInteractionsAndTheirVotesOnOthers(StorageProvider provider)
    {
        await using var host = await PrivacyHost.StartAsync(provider);
        var (tenantId, admin) = await host.NewTenantAsync();
        var content = await Footprint.ContentAsync(admin);
        var theirs = await Footprint.CallAsync(admin, content, Record, "rep-leaving", "Zanzibar");
        var colleagues = await Footprint.CallAsync(admin, content, OtherRecord, "rep-staying", "Okapi");
        var colleagueTips = await TipIdsAsync(host, tenantId, colleagues);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsJsonAsync(
            $"/api/v1/interactions/{colleagues}/tips/{colleagueTips[0]}/events", new { type = "not_helpful", repId = "rep-leaving" })).StatusCode);

        var export = await Footprint.ExportAsync(admin, new { repId = "rep-leaving" });
        Assert.Equal(theirs, export.GetProperty("interactions")[0].GetProperty("id").GetString());
        Assert.Equal(colleagues, export.GetProperty("otherTipFeedback")[0].GetProperty("interactionId").GetString());

        var erased = await Footprint.EraseAsync(admin, new { repId = "rep-leaving" });

        Assert.Equal(1, erased.GetProperty("erased").GetProperty("interactions").GetInt64());
        Assert.Equal(0, await host.CountAsync("coaching_tip_feedback", tenantId, "rep_id = @rep", new { rep = "rep-leaving" }));
        Assert.Equal(0, await host.CountAsync("content_events", tenantId, "rep_id = @rep", new { rep = "rep-leaving" }));
        Assert.Equal(1, await host.CountAsync("coaching_interactions", tenantId));
        Assert.Equal(1, await host.CountAsync("coaching_tip_feedback", tenantId, "rep_id = @rep", new { rep = "rep-staying" }));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/interactions/{colleagues}/summary")).StatusCode);
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task Erase_EveryTableTheHostCreates_IsClassified(StorageProvider provider)
    {
        await using var host = await PrivacyHost.StartAsync(provider);
        await using var connection = await host.Store.Database.OpenAsync();
        var tables = await connection.QueryAsync<string>(host.Store.Database.IsPostgres
            ? "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");

        foreach (var table in tables.Select(t => t.StartsWith("content_fts", StringComparison.Ordinal) ? "content_fts" : t))
        {
            Assert.True(SubjectTables.SubjectData.Contains(table) ^ SubjectTables.NoSubjectData.ContainsKey(table),
                $"Table {table} must be in exactly one of SubjectTables' lists: does it hold data about a customer or a rep?");
        }
    }

    private static async Task<List<string>> TipIdsAsync(PrivacyHost host, string tenantId, string interactionId)
    {
        await using var connection = await host.Store.Database.OpenAsync();
        return (await connection.QueryAsync<string>(
            "SELECT id FROM coaching_tips WHERE tenant_id = @tenantId AND interaction_id = @interactionId", new { tenantId, interactionId })).AsList();
    }

    private static long SumOf(JsonElement counts) => counts.EnumerateObject().Sum(p => p.Value.GetInt64());

    private static Task<long> CountAsync(PrivacyHost host, string table, string tenantId, string where, object args) =>
        host.CountAsync(table, tenantId, where, args);

    /// <summary>Rows of the tenant in every table that holds subject data, and in the audit log.</summary>
    private static async Task<Dictionary<string, long>> CountAllAsync(PrivacyHost host, string tenantId)
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in SubjectTables.SubjectData)
        {
            counts[table] = await host.CountAsync(table, tenantId);
        }

        return counts;
    }
}
