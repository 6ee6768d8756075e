using SalesCoach.Content.Engagement;
using SalesCoach.Content.Ranking;
using SalesCoach.Storage.Database;
using static SalesCoach.Content.Tests.ContentTestStore;

namespace SalesCoach.Content.Tests.Ranking;

/// <summary>A rep in each market asks for content during a call where the customer names Gong and finds it too expensive.</summary>
public sealed class ReasonLanguageTests
{
    /// <summary>language, what the customer says, then the reasons expected for: the Gong battlecard, the price list, the ROI case study, an item used once, twice.</summary>
    private static readonly Dictionary<string, string[]> Markets = new()
    {
        ["en"] =
        [
            "customer: We are also looking at Gong, and honestly you are too expensive.",
            "Battlecard for Gong, named in the conversation", "Pricing sheet for the price objection", "ROI case study for the price objection",
            "Used by your team in 1 conversation", "Used by your team in 2 conversations",
        ],
        ["es"] =
        [
            "cliente: También estamos mirando Gong y, la verdad, nos resulta demasiado caro.",
            "Battlecard de Gong, mencionado en la conversación", "Tarifas para responder a la objeción de precio",
            "Caso de éxito con ROI para la objeción de precio", "Tu equipo lo usó en 1 conversación", "Tu equipo lo usó en 2 conversaciones",
        ],
        ["fr"] =
        [
            "client : On regarde aussi Gong, et franchement c'est trop cher pour nous.",
            "Battlecard Gong, concurrent cité pendant l'échange", "Grille tarifaire pour répondre à l'objection prix",
            "Étude de cas ROI pour répondre à l'objection prix", "Utilisé par votre équipe dans 1 échange", "Utilisé par votre équipe dans 2 échanges",
        ],
        ["de"] =
        [
            "Kunde: Wir schauen uns auch Gong an, und ehrlich gesagt sind Sie zu teuer.",
            "Battlecard zu Gong, im Gespräch genannt", "Preisliste zum Preiseinwand", "ROI-Fallstudie gegen den Preiseinwand",
            "Von Ihrem Team in 1 Gespräch eingesetzt", "Von Ihrem Team in 2 Gesprächen eingesetzt",
        ],
        ["zh"] =
        [
            "客户：我们也在看 Gong，说实话你们太贵了。",
            "Gong 竞品应对卡，对话中提到了该竞品", "价格表，应对价格异议", "ROI 客户案例，应对价格异议", "团队已在 1 次对话中使用", "团队已在 2 次对话中使用",
        ],
    };

    public static TheoryData<StorageProvider, string> Cases()
    {
        var data = new TheoryData<StorageProvider, string>();
        foreach (var provider in new[] { StorageProvider.Sqlite, StorageProvider.Postgres })
        {
            foreach (var language in Markets.Keys)
            {
                data.Add(provider, language);
            }
        }

        return data;
    }

    private static async Task<Dictionary<string, string>> SeedAsync(ContentTestStore store)
    {
        var ids = new Dictionary<string, string>
        {
            ["gong"] = await store.AddAsync("t1", Draft("Battlecard: Gong", "Where we win against Gong: live guidance during the call.", "battlecard", competitors: ["Gong"])),
            ["pricing"] = await store.AddAsync("t1", Draft("Price list 2026", "Seats, tiers, annual licence prices and volume discounts.", "pricing")),
            ["roi"] = await store.AddAsync("t1", Draft("Northwind cut ramp time in half", "Payback in five months; the ROI came from faster onboarding.", "case_study", tags: ["roi"])),
        };
        await store.Engagement.RecordAsync("t1", ids["roi"], new EngagementEvent(EngagementTypes.Used, null, "rep-1", null));
        for (var i = 0; i < 2; i++)
        {
            await store.Engagement.RecordAsync("t1", ids["gong"], new EngagementEvent(EngagementTypes.Used, null, "rep-1", null));
        }

        return ids;
    }

    private static Dictionary<string, Recommendation> ById(IReadOnlyList<Recommendation> items) => items.ToDictionary(i => i.ContentId);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RankAsync_RequestLanguage_WritesEveryReasonInThatLanguage(StorageProvider provider, string language)
    {
        await using var store = await CreateAsync(provider);
        var ids = await SeedAsync(store);
        var expected = Markets[language];

        var items = ById(await store.Ranker.RankAsync("t1", new RecommendationQuery(RecordContext.Empty, [expected[0]], language, 5)));

        Assert.Equal(expected[1], items[ids["gong"]].Reasons[0]);
        Assert.Contains(expected[5], items[ids["gong"]].Reasons);
        Assert.Contains(expected[2], items[ids["pricing"]].Reasons);
        Assert.Contains(expected[3], items[ids["roi"]].Reasons);
        Assert.Contains(expected[4], items[ids["roi"]].Reasons);
        var named = items[ids["gong"]].ReasonDetails[0];
        Assert.Equal((ReasonCodes.BattlecardNamed, "Gong"), (named.Code, named.Params["competitor"]));
        Assert.Equal(items[ids["gong"]].Reasons, items[ids["gong"]].ReasonDetails.Select(r => r.Text));
        Assert.Contains(items[ids["gong"]].ReasonDetails, r => r.Code == ReasonCodes.UsedByTeam && r.Params["count"] == "2");
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite, "fr", "Fiche tarifaire 2026", "Grille tarifaire, remises sur volume et prix des licences.", "En français, la langue demandée")]
    [InlineData(StorageProvider.Postgres, "zh", "2026 价格表", "席位、版本、年度许可价格和批量折扣。", "中文内容，符合所选语言")]
    [InlineData(StorageProvider.Sqlite, "de", "Preisliste 2026", "Lizenzpreise, Staffelrabatte und Pakete.", "Auf Deutsch, wie angefragt")]
    public async Task RankAsync_ItemInTheRequestedLanguage_NamesTheLanguageInThatLanguage(
        StorageProvider provider, string language, string title, string body, string reason)
    {
        await using var store = await CreateAsync(provider);
        var local = await store.AddAsync("t1", Draft(title, body, "pricing", language));

        var items = ById(await store.Ranker.RankAsync("t1", new RecommendationQuery(RecordContext.Empty, [Markets[language][0]], language, 5)));

        Assert.Contains(reason, items[local].Reasons);
        Assert.Contains(items[local].ReasonDetails, r => r.Code == ReasonCodes.Language && r.Params["language"] == language);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite, "pt")]
    [InlineData(StorageProvider.Postgres, "ja-JP")]
    [InlineData(StorageProvider.Sqlite, null)]
    public async Task RankAsync_UnknownOrNoLanguage_FallsBackToEnglish(StorageProvider provider, string? language)
    {
        await using var store = await CreateAsync(provider);
        var ids = await SeedAsync(store);

        var items = ById(await store.Ranker.RankAsync("t1", new RecommendationQuery(RecordContext.Empty, [Markets["en"][0]], language, 5)));

        Assert.Equal(Markets["en"][1], items[ids["gong"]].Reasons[0]);
        Assert.Contains(Markets["en"][2], items[ids["pricing"]].Reasons);
        Assert.Contains(Markets["en"][4], items[ids["roi"]].Reasons);
        Assert.Equal("en", ContentRanker.ReasonsLanguage(language));
    }

    [Fact]
    public void ReasonsLanguage_RegionalTag_UsesItsBaseLanguage()
    {
        Assert.Equal("fr", ContentRanker.ReasonsLanguage("fr-CA"));
        Assert.Equal("zh", ContentRanker.ReasonsLanguage("zh-Hans-CN"));
    }
}
