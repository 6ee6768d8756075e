using System.Text.Json;
using SalesCoach.Coaching.Analytics;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Metrics;
using SalesCoach.Coaching.Summaries;
using SalesCoach.Coaching.Tests.Interactions;
using SalesCoach.Coaching.Tips;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Encryption;
using SalesCoach.TestSupport;

namespace SalesCoach.Coaching.Tests.Analytics;

public class CoachingAnalyticsTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Reps_SummariesInAndOutOfPeriod_AveragesOnlyTheCompletedOnesInside(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, new CoachingMigrations());
        var time = new SettableTimeProvider(Day.AddHours(9));
        var protector = TestProtector.New();
        var interactions = new InteractionStore(store.Database, protector, time);
        var feedback = new TipFeedbackStore(store.Database, time);

        var first = await CompletedAsync(store.Database, protector, interactions, "t1", "rep-1", talkShare: 0.8, monologueMs: 40_000, questions: 2, fillers: 3.5, nextSteps: 0);
        await CompletedAsync(store.Database, protector, interactions, "t1", "rep-1", talkShare: 0.4, monologueMs: 10_000, questions: 5, fillers: 0.5, nextSteps: 1);
        await interactions.CreateAsync("t1", NewCall("rep-1"));
        await TipAsync(interactions, "t1", first, "tip-1", "talk_ratio");
        await TipAsync(interactions, "t1", first, "tip-2", "monologue");
        Assert.Equal(TipFeedbackResult.Recorded, await feedback.RecordAsync("t1", first, "tip-1", TipFeedbackTypes.Helpful, null));
        Assert.Equal(TipFeedbackResult.Recorded, await feedback.RecordAsync("t1", first, "tip-1", TipFeedbackTypes.Helpful, null));
        Assert.Equal(TipFeedbackResult.Recorded, await feedback.RecordAsync("t1", first, "tip-2", TipFeedbackTypes.NotHelpful, "manager-9"));
        Assert.Equal(TipFeedbackResult.NotFound, await feedback.RecordAsync("t2", first, "tip-1", TipFeedbackTypes.Helpful, null));
        // Next day (outside the period) and another tenant: neither may count.
        time.Now = Day.AddDays(1);
        await CompletedAsync(store.Database, protector, interactions, "t1", "rep-1", talkShare: 0.1, monologueMs: 1, questions: 9, fillers: 9, nextSteps: 0);
        time.Now = Day.AddHours(10);
        await CompletedAsync(store.Database, protector, interactions, "t2", "rep-1", talkShare: 0.9, monologueMs: 99_000, questions: 0, fillers: 0, nextSteps: 0);

        var analytics = new CoachingAnalytics(store.Database, protector);
        var reps = await analytics.RepsAsync("t1", new AnalyticsPeriod(Day, Day.AddDays(1)));
        var adoption = await analytics.AdoptionAsync("t1", new AnalyticsPeriod(Day, Day.AddDays(1)));

        var rep = Assert.Single(reps);
        Assert.Equal(new RepReport("rep-1", 3, 2, 0.6, 25_000, 3.5, 2.0, 2, 1, 1, 0.5), rep with
        {
            AverageTalkShare = Math.Round(rep.AverageTalkShare!.Value, 6),
        });
        Assert.Equal(
            [new TipKindAdoption("monologue", 1, 1, 0, 1, 0.0, 0), new TipKindAdoption("talk_ratio", 1, 1, 1, 0, 1.0, 1)],
            adoption.Kinds);
        Assert.Equal(new AdoptionTotals(3, 2, 1, 1, 0.5, 1), adoption.Totals);
    }

    [Fact]
    public void Csv_TextNeedingQuotesOrDefusing_FollowsRfc4180()
    {
        var csv = CoachingCsv.Reps([new RepReport("=cmd,\"x\"", 1, 0, null, null, null, null, 0, 0, 0, null)]);

        Assert.Equal(
            "repId,interactions,completed,averageTalkShare,averageLongestMonologueMs,questionsPerInteraction,fillerWordsPerMinute,tipsShown,tipsHelpful,tipsNotHelpful,noNextStepShare\r\n"
            + "\"'=cmd,\"\"x\"\"\",1,0,,,,,0,0,0,\r\n", csv);
    }

    private static NewInteraction NewCall(string repId) => new("hubspot", "deal", "42", repId, "en", "call");

    private static Task TipAsync(InteractionStore store, string tenantId, string interactionId, string tipId, string kind) =>
        store.SaveAppendAsync(tenantId, interactionId, [], [new StoredTip(tipId, kind, 1, 1_000, "{}")], []);

    private static async Task<string> CompletedAsync(
        SqlDatabase database, FieldProtector protector, InteractionStore interactions, string tenantId, string repId,
        double talkShare, long monologueMs, int questions, double fillers, int nextSteps)
    {
        var interaction = await interactions.CreateAsync(tenantId, NewCall(repId));
        var metrics = new ConversationMetrics(2, 60_000, new PerSide<long>(1, 1), new PerSide<double>(talkShare, 1 - talkShare),
            new Monologue(monologueMs, "rep"), new Monologue(0, "rep"), new PerSide<int>(questions, 0), new PerSide<double>(0, 0),
            new PerSide<double>(fillers, 0), new PerSide<int>(0, 0), 0, 0);
        var steps = Enumerable.Range(1, nextSteps).Select(i => new Utterance(i, "rep", "demo on Thursday", 0.9f)).ToList();
        var summary = new InteractionSummary(interaction.Id, "", metrics, [], [], steps, [], [], [], 0, DateTimeOffset.UnixEpoch);
        await new SummaryStore(database, protector, TimeProvider.System).CompleteAsync(tenantId, interaction.Id, JsonSerializer.Serialize(summary, CoachingJson.Options));
        return interaction.Id;
    }
}
