using SalesCoach.Content.Engagement;
using SalesCoach.Content.Library;
using SalesCoach.Content.Ranking;
using SalesCoach.Content.Search;
using SalesCoach.Storage.Database;

namespace SalesCoach.Content.Evaluation;

public sealed record ModeScores(RankingMode Mode, double Ndcg, double Recall, int Queries);

public sealed record SplitReport(string Split, IReadOnlyList<ModeScores> Modes);

public sealed record EvaluationReport(int LibraryItems, int K, IReadOnlyList<SplitReport> Splits);

/// <summary>
/// Loads the judged set (library.jsonl, queries.dev.jsonl, queries.jsonl) into a store that must be
/// fresh and migrated, and scores keyword-only, semantic-only and the combined ranker on each split.
/// No engagement is recorded, so the combined ranker runs on content and context alone.
/// </summary>
public static class ContentEvaluation
{
    public const string Tenant = "evaluation";

    public static async Task<EvaluationReport> RunAsync(SqlDatabase database, string setDirectory, int k = 5, CancellationToken cancellationToken = default)
    {
        var store = new ContentStore(database, new FullTextIndex(database), TimeProvider.System);
        var ranker = new ContentRanker(new LibraryIndexCache(store), new FullTextIndex(database), new EngagementStore(database, TimeProvider.System));
        List<ContentDraft> drafts;
        await using (var library = File.OpenRead(Path.Combine(setDirectory, "library.jsonl")))
        {
            drafts = [.. JudgedSet.ReadLibrary(library).Select(l => l.ToDraft())];
        }

        foreach (var invalid in drafts.Where(d => ContentValidator.Validate(d).Count > 0))
        {
            throw new InvalidDataException($"Library item '{invalid.ExternalId}' is invalid: {string.Join("; ", ContentValidator.Validate(invalid).SelectMany(e => e.Value))}");
        }

        var written = await store.CreateManyAsync(Tenant, drafts, skipExistingExternalIds: false, cancellationToken);
        var externalIds = written.Where(w => w.Item is not null).ToDictionary(w => w.Item!.Id, w => w.Item!.Draft.ExternalId!);

        var splits = new List<SplitReport>();
        foreach (var (split, file) in new[] { ("dev", "queries.dev.jsonl"), ("test", "queries.jsonl") })
        {
            var path = Path.Combine(setDirectory, file);
            if (!File.Exists(path))
            {
                continue;
            }

            List<QueryLine> queries;
            await using (var stream = File.OpenRead(path))
            {
                queries = [.. JudgedSet.ReadQueries(stream)];
            }

            var modes = new List<ModeScores>();
            foreach (var mode in new[] { RankingMode.Keyword, RankingMode.Semantic, RankingMode.Combined })
            {
                var ndcg = new List<double>();
                var recall = new List<double>();
                foreach (var query in queries)
                {
                    var ranked = await ranker.RankAsync(Tenant, query.ToQuery(k, mode), cancellationToken);
                    var ids = ranked.Select(r => externalIds.GetValueOrDefault(r.ContentId, "")).ToList();
                    var judgments = query.Judgments ?? [];
                    ndcg.Add(RankingMetrics.Ndcg(ids, judgments, k));
                    if (RankingMetrics.Recall(ids, judgments, k) is { } r)
                    {
                        recall.Add(r);
                    }
                }

                modes.Add(new ModeScores(mode, ndcg.Count > 0 ? ndcg.Average() : 0, recall.Count > 0 ? recall.Average() : 0, queries.Count));
            }

            splits.Add(new SplitReport(split, modes));
        }

        return new EvaluationReport(drafts.Count, k, splits);
    }
}
