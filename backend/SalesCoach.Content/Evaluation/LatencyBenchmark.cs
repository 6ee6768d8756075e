using System.Diagnostics;
using SalesCoach.Content.Engagement;
using SalesCoach.Content.Library;
using SalesCoach.Content.Ranking;
using SalesCoach.Content.Search;
using SalesCoach.Storage.Database;

namespace SalesCoach.Content.Evaluation;

/// <summary>Wall-clock percentiles, plus the process CPU time per query: on a shared, loaded machine wall time mostly measures waiting for a core.</summary>
public sealed record LatencyFigures(double P50Ms, double P99Ms, double MeanMs, double CpuMsPerQuery);

public sealed record BenchmarkResult(
    string Provider, int Items, int Queries, double LoadSeconds, double IndexBuildSeconds, LatencyFigures Keyword, LatencyFigures Recommend, double LoadAverage);

/// <summary>
/// Recommendation latency at a library size: generates and stores the items, builds the ranking
/// index once (reported apart), then times the same generated queries through the store's
/// full-text search alone (the baseline) and through the whole ranker, one after the other.
/// </summary>
public static class LatencyBenchmark
{
    public static async Task<BenchmarkResult> RunAsync(
        SqlDatabase database, IReadOnlyList<ContentDraft> seed, int items, int queries, int randomSeed = 7, CancellationToken cancellationToken = default)
    {
        var tenant = $"bench-{items}";
        var store = new ContentStore(database, new FullTextIndex(database), TimeProvider.System);
        var ranker = new ContentRanker(new LibraryIndexCache(store), new FullTextIndex(database), new EngagementStore(database, TimeProvider.System));
        var generator = new SyntheticLibrary(seed, randomSeed);

        var load = Stopwatch.StartNew();
        for (var written = 0; written < items; written += 1_000)
        {
            var batch = Enumerable.Range(0, Math.Min(1_000, items - written)).Select(_ => generator.NextItem()).ToList();
            await store.CreateManyAsync(tenant, batch, skipExistingExternalIds: false, cancellationToken);
        }

        load.Stop();
        var workload = Enumerable.Range(0, queries).Select(_ => generator.NextQuery(5)).ToList();
        var build = Stopwatch.StartNew();
        await ranker.RankAsync(tenant, workload[0], cancellationToken);
        build.Stop();

        // Warm-up: JIT, connection pools and the store's page cache, outside the timed runs.
        foreach (var query in workload.Take(Math.Min(20, queries)))
        {
            await ranker.RankAsync(tenant, query with { Mode = RankingMode.Keyword }, cancellationToken);
            await ranker.RankAsync(tenant, query, cancellationToken);
        }

        var keyword = await TimeAsync(workload.Select(q => q with { Mode = RankingMode.Keyword }), q => ranker.RankAsync(tenant, q, cancellationToken));
        var recommend = await TimeAsync(workload, q => ranker.RankAsync(tenant, q, cancellationToken));
        return new BenchmarkResult(database.Provider.ToString(), items, queries, load.Elapsed.TotalSeconds, build.Elapsed.TotalSeconds, keyword, recommend, LoadAverage());
    }

    private static async Task<LatencyFigures> TimeAsync(IEnumerable<RecommendationQuery> workload, Func<RecommendationQuery, Task> run)
    {
        var samples = new List<double>();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        foreach (var query in workload)
        {
            var watch = Stopwatch.StartNew();
            await run(query);
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }

        var cpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds / samples.Count;
        samples.Sort();
        return new LatencyFigures(Percentile(samples, 0.50), Percentile(samples, 0.99), samples.Average(), cpu);
    }

    /// <summary>The 1-minute load average (Linux), reported next to the figures; 0 where unknown.</summary>
    private static double LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
