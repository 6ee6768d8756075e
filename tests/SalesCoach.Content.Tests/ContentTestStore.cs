using SalesCoach.Content.Engagement;
using SalesCoach.Content.Library;
using SalesCoach.Content.Ranking;
using SalesCoach.Content.Search;
using SalesCoach.Storage.Database;
using SalesCoach.TestSupport;

namespace SalesCoach.Content.Tests;

/// <summary>A fresh store of either kind with the content module's services wired by hand.</summary>
public sealed class ContentTestStore : IAsyncDisposable
{
    private readonly TestStore _store;

    private ContentTestStore(TestStore store)
    {
        _store = store;
        var db = store.Database;
        FullText = new FullTextIndex(db);
        Library = new ContentStore(db, FullText, TimeProvider.System);
        Engagement = new EngagementStore(db, TimeProvider.System);
        Ranker = new ContentRanker(new LibraryIndexCache(Library), FullText, Engagement);
    }

    public SqlDatabase Database => _store.Database;

    public FullTextIndex FullText { get; }

    public ContentStore Library { get; }

    public EngagementStore Engagement { get; }

    public ContentRanker Ranker { get; }

    public static async Task<ContentTestStore> CreateAsync(StorageProvider provider) =>
        new(await TestStore.CreateAsync(provider, new ContentMigrations()));

    public async Task<string> AddAsync(string tenantId, ContentDraft draft)
    {
        var result = await Library.CreateAsync(tenantId, ContentNormalizer.Normalize(draft));
        Assert.Equal(WriteStatus.Done, result.Status);
        return result.Item!.Id;
    }

    public static ContentDraft Draft(
        string title, string body, string type = "one_pager", string language = "en", string[]? competitors = null, string[]? stages = null,
        string[]? industries = null, string[]? tags = null, string? externalId = null) =>
        new(externalId, title, null, body, null, type, language, tags ?? [], industries ?? [], [], stages ?? [], [], competitors ?? []);

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
