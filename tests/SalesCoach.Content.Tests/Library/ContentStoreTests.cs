using SalesCoach.Content.Library;
using SalesCoach.Content.Search;
using SalesCoach.Storage.Database;
using static SalesCoach.Content.Tests.ContentTestStore;

namespace SalesCoach.Content.Tests.Library;

public sealed class ContentStoreTests
{
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task UpdateAsync_ExistingItem_AddsVersionAndKeepsHistory(StorageProvider provider)
    {
        await using var store = await CreateAsync(provider);
        var id = await store.AddAsync("t1", Draft("Pricing sheet 2025", "Old prices"));

        var result = await store.Library.UpdateAsync("t1", id, Normalize(Draft("Pricing sheet 2026", "New prices")));

        Assert.Equal(2, result.Item!.Version);
        var versions = await store.Library.VersionsAsync("t1", id);
        Assert.Equal(["Pricing sheet 2025", "Pricing sheet 2026"], versions!.Select(v => v.Draft.Title));
        Assert.Equal("Pricing sheet 2026", (await store.Library.GetAsync("t1", id))!.Draft.Title);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task ArchiveAsync_Item_IsNoLongerSearchedButStaysReadable(StorageProvider provider)
    {
        await using var store = await CreateAsync(provider);
        var id = await store.AddAsync("t1", Draft("Gong battlecard", "How we win against Gong", "battlecard", competitors: ["Gong"]));
        Assert.Single(await Search(store, "t1", "gong"));

        Assert.True(await store.Library.ArchiveAsync("t1", id));

        Assert.Empty(await Search(store, "t1", "gong"));
        Assert.True((await store.Library.GetAsync("t1", id))!.IsArchived);
        Assert.Equal(0, (await store.Library.ListAsync("t1", 1, 20, new ContentFilter())).Total);
        Assert.Equal(1, (await store.Library.ListAsync("t1", 1, 20, new ContentFilter(IncludeArchived: true))).Total);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Reads_OtherTenantsItem_AreNotFound(StorageProvider provider)
    {
        await using var store = await CreateAsync(provider);
        var id = await store.AddAsync("t1", Draft("Gong battlecard", "How we win against Gong", "battlecard"));

        Assert.Null(await store.Library.GetAsync("t2", id));
        Assert.Null(await store.Library.VersionsAsync("t2", id));
        Assert.False(await store.Library.ArchiveAsync("t2", id));
        Assert.Equal(WriteStatus.NotFound, (await store.Library.UpdateAsync("t2", id, Normalize(Draft("x", "y")))).Status);
        Assert.Empty(await Search(store, "t2", "gong"));
        Assert.Equal(0, (await store.Library.ListAsync("t2", 1, 20, new ContentFilter())).Total);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task CreateManyAsync_DuplicateExternalId_WritesNothing(StorageProvider provider)
    {
        await using var store = await CreateAsync(provider);
        await store.AddAsync("t1", Draft("First", "Body", externalId: "ext-1"));

        var results = await store.Library.CreateManyAsync("t1", [Normalize(Draft("Second", "Body", externalId: "ext-2")), Normalize(Draft("Again", "Body", externalId: "ext-1"))], false);

        Assert.Equal(WriteStatus.DuplicateExternalId, results.Single().Status);
        Assert.Equal(1, (await store.Library.ListAsync("t1", 1, 20, new ContentFilter())).Total);
        // The same externalId in another tenant is a different item.
        await store.AddAsync("t2", Draft("First", "Body", externalId: "ext-1"));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite, "es", "Hoja de precios", "Los precios de la licencia anual", "precio")]
    [InlineData(StorageProvider.Postgres, "es", "Hoja de precios", "Los precios de la licencia anual", "precio")]
    [InlineData(StorageProvider.Sqlite, "de", "Preisliste", "Die Preise der Jahreslizenzen", "Preis")]
    [InlineData(StorageProvider.Postgres, "de", "Preisliste", "Die Preise der Jahreslizenzen", "Preis")]
    [InlineData(StorageProvider.Sqlite, "zh", "价格表", "年度许可证的价格和折扣", "折扣")]
    [InlineData(StorageProvider.Postgres, "zh", "价格表", "年度许可证的价格和折扣", "折扣")]
    public async Task SearchAsync_InflectedOrUnspacedWord_FindsItem(StorageProvider provider, string language, string title, string body, string query)
    {
        await using var store = await CreateAsync(provider);
        var id = await store.AddAsync("t1", Draft(title, body, "pricing", language));
        await store.AddAsync("t1", Draft("Unrelated", "Onboarding checklist for new reps", "other", "en"));

        var hits = await Search(store, "t1", query, language);

        Assert.Equal(id, Assert.Single(hits).Id);
    }

    private static ContentDraft Normalize(ContentDraft draft) => ContentNormalizer.Normalize(draft);

    private static Task<IReadOnlyList<FullTextHit>> Search(ContentTestStore store, string tenant, string text, string language = "en") =>
        store.FullText.SearchAsync(tenant, QueryTerms.From(text, language, 24), language, 10);
}
