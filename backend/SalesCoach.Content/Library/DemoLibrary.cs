using System.Reflection;
using SalesCoach.Content.Evaluation;

namespace SalesCoach.Content.Library;

/// <summary>The demo tenant's library: the evaluation set's library.jsonl, embedded in this assembly.</summary>
public static class DemoLibrary
{
    public const string ResourceName = "SalesCoach.Content.Evaluation.library.jsonl";

    /// <summary>The valid drafts of the embedded library (none when the build had no library file).</summary>
    public static IReadOnlyList<ContentDraft> Drafts()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName);
        return stream is null ? [] : [.. JudgedSet.ReadLibrary(stream).Select(l => l.ToDraft()).Where(d => ContentValidator.Validate(d).Count == 0)];
    }

    /// <summary>Adds every item whose externalId the tenant does not have yet; running it again adds nothing.</summary>
    public static async Task<int> SeedAsync(ContentStore store, string tenantId, CancellationToken cancellationToken = default)
    {
        var drafts = Drafts();
        if (drafts.Count == 0)
        {
            return 0;
        }

        var results = await store.CreateManyAsync(tenantId, drafts, skipExistingExternalIds: true, cancellationToken);
        return results.Count(r => r.Status == WriteStatus.Done);
    }
}
