using SalesCoach.Content.Engagement;
using SalesCoach.Content.Ranking;
using SalesCoach.Storage.Database;
using static SalesCoach.Content.Tests.ContentTestStore;

namespace SalesCoach.Content.Tests.Ranking;

public sealed class ContentRankerTests
{
    private static async Task<Dictionary<string, string>> SeedAsync(ContentTestStore store, string tenant)
    {
        var ids = new Dictionary<string, string>
        {
            ["gong"] = await store.AddAsync(tenant, Draft("Battlecard: Gong", "Where we win against Gong: live guidance during the call.", "battlecard", competitors: ["Gong"])),
            ["clari"] = await store.AddAsync(tenant, Draft("Battlecard: Clari", "Where we win against Clari: forecasting inside the CRM.", "battlecard", competitors: ["Clari"])),
            ["pricing"] = await store.AddAsync(tenant, Draft("Price list 2026", "Seats, tiers, annual licence prices and volume discounts.", "pricing")),
            ["roi"] = await store.AddAsync(tenant, Draft("Northwind cut ramp time in half", "Payback in five months; the ROI came from faster onboarding of reps.", "case_study", tags: ["roi"])),
            ["security"] = await store.AddAsync(tenant, Draft("Security overview", "SOC 2 Type II, GDPR, encryption at rest and in transit.", "whitepaper")),
            ["negotiation"] = await store.AddAsync(tenant, Draft("Closing plan template", "Mutual action plan for the last weeks of a deal.", "email_template", stages: ["negotiation"])),
            ["es"] = await store.AddAsync(tenant, Draft("Guía de seguridad", "SOC 2 Tipo II, RGPD y cifrado de los datos.", "whitepaper", "es")),
        };
        return ids;
    }

    private static RecommendationQuery Query(string[] conversation, string? stage = null, string? language = null, int limit = 3) =>
        new(RecordContext.Empty with { Stage = stage }, conversation, language, limit);

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task RankAsync_CompetitorNamedInConversation_PutsItsBattlecardFirstWithReason(StorageProvider provider)
    {
        await using var store = await CreateAsync(provider);
        var ids = await SeedAsync(store, "t1");

        var items = await store.Ranker.RankAsync("t1", Query(["customer: We are also looking at Gong, to be honest."]));

        Assert.Equal(ids["gong"], items[0].ContentId);
        Assert.Contains("Battlecard for Gong, named in the conversation", items[0].Reasons);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task RankAsync_PriceObjection_RecommendsRoiCaseStudyAndPricingSheet(StorageProvider provider)
    {
        await using var store = await CreateAsync(provider);
        var ids = await SeedAsync(store, "t1");

        var items = await store.Ranker.RankAsync("t1", Query(["customer: Honestly this is too expensive for us this year."], limit: 2));

        Assert.Equal(new[] { ids["pricing"], ids["roi"] }.Order(), items.Select(i => i.ContentId).Order());
        Assert.Contains(items.SelectMany(i => i.Reasons), r => r == "ROI case study for the price objection");
        Assert.Contains(items.SelectMany(i => i.Reasons), r => r == "Pricing sheet for the price objection");
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task RankAsync_StageAndLanguage_BoostMatchingItemsWithReasons(StorageProvider provider)
    {
        await using var store = await CreateAsync(provider);
        var ids = await SeedAsync(store, "t1");

        var byStage = await store.Ranker.RankAsync("t1", Query([], stage: "Negotiation"));
        var spanish = await store.Ranker.RankAsync("t1", Query(["customer: necesitamos ver la seguridad y el RGPD"], language: "es"));

        Assert.Equal(ids["negotiation"], byStage[0].ContentId);
        Assert.Contains("Matches stage: Negotiation", byStage[0].Reasons);
        Assert.Equal(ids["es"], spanish[0].ContentId);
        // Asked in Spanish, so the reasons are written in Spanish too (ReasonLanguageTests covers every language).
        Assert.Contains("En español, el idioma solicitado", spanish[0].Reasons);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task RankAsync_ArchivedItemsAndOtherTenants_AreNeverRecommended(StorageProvider provider)
    {
        await using var store = await CreateAsync(provider);
        var ids = await SeedAsync(store, "t1");
        await store.AddAsync("t2", Draft("Other tenant's Gong sheet", "Gong Gong Gong", "battlecard", competitors: ["Gong"]));
        await store.Library.ArchiveAsync("t1", ids["gong"]);

        var mine = await store.Ranker.RankAsync("t1", Query(["customer: we use Gong today"], limit: 10));
        var theirs = await store.Ranker.RankAsync("t2", Query(["customer: we use Gong today"], limit: 10));

        Assert.DoesNotContain(mine, i => i.ContentId == ids["gong"] || i.Title.StartsWith("Other tenant", StringComparison.Ordinal));
        Assert.All(theirs, i => Assert.DoesNotContain(i.ContentId, ids.Values));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task RankAsync_AfterFeedback_ChangesThatTenantsRankingOnly(StorageProvider provider)
    {
        await using var store = await CreateAsync(provider);
        foreach (var tenant in new[] { "a", "b" })
        {
            await store.AddAsync(tenant, Draft("Security overview", "Encryption, SOC 2 and GDPR for security reviews.", "whitepaper"));
            await store.AddAsync(tenant, Draft("Security FAQ", "Answers on encryption, SOC 2 and GDPR for the security review.", "one_pager"));
        }

        var query = Query(["customer: our security team will review encryption and GDPR"], limit: 2);
        var beforeA = await store.Ranker.RankAsync("a", query);
        var beforeB = await store.Ranker.RankAsync("b", query);
        Assert.Equal(beforeA.Select(i => i.Title), beforeB.Select(i => i.Title));

        var loser = beforeA[0].ContentId;
        var winner = beforeA[1].ContentId;
        for (var i = 0; i < 3; i++)
        {
            await store.Engagement.RecordAsync("a", loser, new EngagementEvent(EngagementTypes.NotHelpful, null, "rep-1", null));
            await store.Engagement.RecordAsync("a", winner, new EngagementEvent(EngagementTypes.Used, null, "rep-1", null));
        }

        var afterA = await store.Ranker.RankAsync("a", query);
        var afterB = await store.Ranker.RankAsync("b", query);

        Assert.Equal(winner, afterA[0].ContentId);
        Assert.Contains("Used by your team in 3 conversations", afterA[0].Reasons);
        Assert.Equal(beforeB, afterB, (x, y) => x.ContentId == y.ContentId && x.Score == y.Score);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task RankAsync_ItemShownOftenButNeverUsed_FallsBelowUnseenItem(StorageProvider provider)
    {
        await using var store = await CreateAsync(provider);
        await store.AddAsync("t1", Draft("Security overview", "Encryption, SOC 2 and GDPR for security reviews.", "whitepaper"));
        await store.AddAsync("t1", Draft("Security FAQ", "Answers on encryption, SOC 2 and GDPR for the security review.", "one_pager"));
        var query = Query(["customer: our security team will review encryption and GDPR"], limit: 2);
        var before = await store.Ranker.RankAsync("t1", query);

        for (var i = 0; i < 60; i++)
        {
            await store.Engagement.RecordAsync("t1", before[0].ContentId, new EngagementEvent(EngagementTypes.Impression, null, null, null));
        }

        var after = await store.Ranker.RankAsync("t1", query);

        Assert.Equal(before[1].ContentId, after[0].ContentId);
    }

    [Fact]
    public void Adjustment_NewItem_IsNeutralAndEvidenceMovesIt()
    {
        Assert.Equal(0, EngagementPrior.Adjustment(EngagementStats.None), 6);
        Assert.True(EngagementPrior.Adjustment(new EngagementStats(10, 2, 1, 5, 4, 0)) > 0);
        Assert.True(EngagementPrior.Adjustment(new EngagementStats(0, 0, 0, 0, 0, 4)) < 0);
        Assert.True(EngagementPrior.Adjustment(new EngagementStats(100, 0, 0, 0, 0, 0)) < 0);
    }
}
