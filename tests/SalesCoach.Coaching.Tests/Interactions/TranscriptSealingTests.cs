using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using SalesCoach.Coaching.Analytics;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Metrics;
using SalesCoach.Coaching.Summaries;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Encryption;
using SalesCoach.TestSupport;

namespace SalesCoach.Coaching.Tests.Interactions;

public class TranscriptSealingTests
{
    private const string Words = "our budget for Zanzibar logistics is frozen until March";
    private const string SummaryJson = """{"interactionId":"x","summary":"Customer said: our budget for Zanzibar logistics is frozen"}""";

    [Theory, ClassData(typeof(BothStores))]
    public async Task SaveAppend_Segments_RowsHoldNoPlaintextAndLoadReturnsTheText(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new CoachingMigrations());
        var interactions = new InteractionStore(store.Database, TestProtector.New(), TimeProvider.System);
        var id = (await interactions.CreateAsync("t1", NewCall)).Id;

        await interactions.SaveAppendAsync("t1", id, [Segment(1, Words), Segment(2, "v1: a clear line that looks versioned")], [], []);

        var raw = await RawSegmentTextsAsync(store.Database, "t1", id);
        Assert.Equal(2, raw.Count);
        Assert.All(raw, text => Assert.True(FieldProtector.IsSealed(text), text));
        Assert.All(raw, text => Assert.DoesNotContain("Zanzibar", text, StringComparison.OrdinalIgnoreCase));
        var loaded = await interactions.LoadSegmentsAsync("t1", id);
        Assert.Equal([Words, "v1: a clear line that looks versioned"], loaded.Select(s => s.Text));
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task LoadSegments_RowCopiedToAnotherTenant_DoesNotOpen(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new CoachingMigrations());
        var interactions = new InteractionStore(store.Database, TestProtector.New(), TimeProvider.System);
        var id = (await interactions.CreateAsync("t1", NewCall)).Id;
        await interactions.SaveAppendAsync("t1", id, [Segment(1, Words)], [], []);

        await using (var connection = await store.Database.OpenAsync())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO coaching_segments (tenant_id, interaction_id, seq, speaker, text, start_ms, end_ms, signals, received_at)
                SELECT 't2', interaction_id, seq, speaker, text, start_ms, end_ms, signals, received_at
                FROM coaching_segments WHERE tenant_id = 't1' AND interaction_id = @id
                """, new { id });
        }

        await Assert.ThrowsAnyAsync<CryptographicException>(() => interactions.LoadSegmentsAsync("t2", id));
        Assert.Equal(Words, Assert.Single(await interactions.LoadSegmentsAsync("t1", id)).Text);
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task LoadSegmentsAndReadSummary_LegacyClearRows_ReadAsWritten(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new CoachingMigrations());
        var protector = TestProtector.New();
        var interactions = new InteractionStore(store.Database, protector, TimeProvider.System);
        var interaction = await interactions.CreateAsync("t1", NewCall);
        await using (var connection = await store.Database.OpenAsync())
        {
            // What a database written before sealing holds: clear text in both columns.
            await connection.ExecuteAsync(
                """
                INSERT INTO coaching_segments (tenant_id, interaction_id, seq, speaker, text, start_ms, end_ms, signals, received_at)
                VALUES ('t1', @id, 1, 'customer', @Words, 0, 1000, '[]', 0);
                INSERT INTO coaching_summaries (tenant_id, interaction_id, body, created_at) VALUES ('t1', @id, @SummaryJson, 0);
                """, new { id = interaction.Id, Words, SummaryJson });
        }

        await interactions.SaveAppendAsync("t1", interaction.Id, [Segment(2, "and a new sealed one")], [], []);

        Assert.Equal([Words, "and a new sealed one"], (await interactions.LoadSegmentsAsync("t1", interaction.Id)).Select(s => s.Text));
        Assert.Equal(SummaryJson, await new SummaryStore(store.Database, protector, TimeProvider.System).ReadAsync("t1", interaction.Id));
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task CompleteAndRead_Summary_SealedAtRestOpenedForItsTenantOnly(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new CoachingMigrations());
        var protector = TestProtector.New();
        var interactions = new InteractionStore(store.Database, protector, TimeProvider.System);
        var summaries = new SummaryStore(store.Database, protector, TimeProvider.System);
        var id = (await interactions.CreateAsync("t1", NewCall)).Id;

        Assert.True(await summaries.CompleteAsync("t1", id, SummaryJson));

        await using var connection = await store.Database.OpenAsync();
        var raw = await connection.ExecuteScalarAsync<string>(
            "SELECT body FROM coaching_summaries WHERE tenant_id = 't1' AND interaction_id = @id", new { id });
        Assert.True(FieldProtector.IsSealed(raw!));
        Assert.DoesNotContain("Zanzibar", raw, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(SummaryJson, await summaries.ReadAsync("t1", id));
        await connection.ExecuteAsync(
            "INSERT INTO coaching_summaries (tenant_id, interaction_id, body, created_at) VALUES ('t2', @id, @raw, 0)", new { id, raw });
        await Assert.ThrowsAnyAsync<CryptographicException>(() => summaries.ReadAsync("t2", id));
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task Reps_SealedAndLegacySummaries_BothCounted(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new CoachingMigrations());
        var protector = TestProtector.New();
        var interactions = new InteractionStore(store.Database, protector, TimeProvider.System);
        var sealedOne = (await interactions.CreateAsync("t1", NewCall)).Id;
        var legacyOne = (await interactions.CreateAsync("t1", NewCall)).Id;
        await new SummaryStore(store.Database, protector, TimeProvider.System).CompleteAsync("t1", sealedOne, SummaryWithTalkShare(sealedOne, 0.8));
        await using (var connection = await store.Database.OpenAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO coaching_summaries (tenant_id, interaction_id, body, created_at) VALUES ('t1', @legacyOne, @body, 0)",
                new { legacyOne, body = SummaryWithTalkShare(legacyOne, 0.4) });
        }

        var reps = await new CoachingAnalytics(store.Database, protector).RepsAsync(
            "t1", new AnalyticsPeriod(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddDays(1)));

        Assert.Equal(0.6, Math.Round(Assert.Single(reps).AverageTalkShare!.Value, 6));
    }

    [Theory]
    [InlineData("v1: she said the price is fine")]
    [InlineData("v1:key:short")]
    [InlineData("v1:")]
    [InlineData("{\"summary\":\"v1:a:b\"}")]
    [InlineData("")]
    public void OpenTranscript_ClearTextThatResemblesTheFormat_ComesBackUnchanged(string clear) =>
        Assert.Equal(clear, TestProtector.New().OpenTranscript(clear, "t1"));

    [Fact]
    public void OpenTranscript_SealedWithAnUnknownKey_Throws()
    {
        var sealedValue = TestProtector.New().SealTranscript(Words, "t1");

        Assert.ThrowsAny<CryptographicException>(() => TestProtector.New().OpenTranscript(sealedValue, "t1"));
    }

    private static readonly NewInteraction NewCall = new("hubspot", "deal", "42", "rep-1", "en", "call");

    private static string SummaryWithTalkShare(string id, double talkShare)
    {
        var metrics = new ConversationMetrics(2, 60_000, new PerSide<long>(1, 1), new PerSide<double>(talkShare, 1 - talkShare),
            new Monologue(1, "rep"), new Monologue(0, "rep"), new PerSide<int>(1, 0), new PerSide<double>(0, 0),
            new PerSide<double>(0, 0), new PerSide<int>(0, 0), 0, 0);
        var quote = new Utterance(1, "customer", Words, 0.9f);
        return JsonSerializer.Serialize(
            new InteractionSummary(id, Words, metrics, [], [], [quote], [], [], [], 0, DateTimeOffset.UnixEpoch), CoachingJson.Options);
    }

    private static StoredSegment Segment(long seq, string text) => new(seq, "customer", text, seq * 1000, seq * 1000 + 900, "[]");

    private static async Task<List<string>> RawSegmentTextsAsync(SqlDatabase database, string tenantId, string id)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<string>(
            "SELECT text FROM coaching_segments WHERE tenant_id = @tenantId AND interaction_id = @id ORDER BY seq", new { tenantId, id })).AsList();
    }
}
