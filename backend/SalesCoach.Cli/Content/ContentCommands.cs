using System.CommandLine;
using System.Globalization;
using SalesCoach.Content.Evaluation;
using SalesCoach.Content.Import;
using SalesCoach.Content.Library;
using SalesCoach.Content.Search;
using SalesCoach.Storage.Database;

namespace SalesCoach.Cli.Content;

/// <summary>`salescoach content import | evaluate | bench`.</summary>
internal static class ContentCommands
{
    private static readonly Option<StorageProvider> Provider = new("--provider") { Description = "Sqlite or Postgres", DefaultValueFactory = _ => StorageProvider.Sqlite };
    private static readonly Option<string> DataDirectory = new("--data-dir") { Description = "SQLite data folder (as Storage:DataDirectory)", DefaultValueFactory = _ => ".data" };
    private static readonly Option<string?> ConnectionString = new("--connection-string") { Description = "PostgreSQL connection string (for evaluate/bench: a server to create a scratch database on)" };

    public static Command Create()
    {
        var content = new Command("content", "Content library tools");
        content.Subcommands.Add(Import());
        content.Subcommands.Add(Evaluate());
        content.Subcommands.Add(Bench());
        return content;
    }

    private static Command Import()
    {
        var dir = new Option<DirectoryInfo?>("--dir") { Description = "Import every Markdown, HTML, text, DOCX and PPTX file under this folder" };
        var manifest = new Option<FileInfo?>("--manifest") { Description = "CSV manifest: path,title,type,language,tags,... (lists separated by ';')" };
        var tenant = new Option<string>("--tenant") { Description = "Tenant id", Required = true };
        var type = new Option<string>("--type") { Description = "Default content type", DefaultValueFactory = _ => "other" };
        var language = new Option<string>("--language") { Description = "Default language (en, es, fr, de, zh)", DefaultValueFactory = _ => "en" };
        var command = new Command("import", "Bulk import files into a tenant's library (all or nothing; re-running adds nothing)")
        {
            dir, manifest, tenant, type, language, Provider, DataDirectory, ConnectionString,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if ((parse.GetValue(dir) is null) == (parse.GetValue(manifest) is null))
            {
                await Console.Error.WriteLineAsync("Give exactly one of --dir or --manifest.");
                return 2;
            }

            await using var store = await CliStore.OpenAsync(parse.GetValue(Provider), parse.GetValue(DataDirectory)!, parse.GetValue(ConnectionString));
            var importer = new BulkImporter(new ContentStore(store.Database, new FullTextIndex(store.Database), TimeProvider.System));
            var defaults = new ContentDraft(null, "", null, "", null, parse.GetValue(type)!, parse.GetValue(language)!, [], [], [], [], [], []);
            var result = parse.GetValue(dir) is { } folder
                ? await importer.ImportDirectoryAsync(parse.GetValue(tenant)!, folder.FullName, defaults, cancellationToken)
                : await importer.ImportManifestAsync(parse.GetValue(tenant)!, parse.GetValue(manifest)!.FullName, defaults, cancellationToken);
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync(error);
            }

            Console.WriteLine(result.Errors.Count > 0
                ? $"Nothing imported: {result.Errors.Count} file(s) failed."
                : $"Imported {result.Added} item(s); {result.AlreadyPresent} already present.");
            return result.Errors.Count > 0 ? 1 : 0;
        });
        return command;
    }

    private static Command Evaluate()
    {
        var set = new Option<DirectoryInfo?>("--set") { Description = "Folder with library.jsonl, queries.dev.jsonl, queries.jsonl (default: the repository's content evaluation set)" };
        var command = new Command("evaluate", "nDCG@5 and recall@5 of keyword, semantic and combined ranking on the judged set, in a scratch store")
        {
            set, Provider, ConnectionString,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(set)?.FullName ?? FindInRepository("backend/SalesCoach.Content/Evaluation");
            await using var store = await CliStore.ScratchAsync(parse.GetValue(Provider), parse.GetValue(ConnectionString));
            var report = await ContentEvaluation.RunAsync(store.Database, folder, 5, cancellationToken);
            Console.WriteLine($"Judged set: {report.LibraryItems} items; store: {store.Database.Provider}; k = {report.K}");
            Console.WriteLine("| split | ranker | queries | nDCG@5 | recall@5 |");
            Console.WriteLine("|---|---|---|---|---|");
            foreach (var split in report.Splits)
            {
                foreach (var m in split.Modes)
                {
                    Console.WriteLine($"| {split.Split} | {m.Mode} | {m.Queries} | {F(m.Ndcg)} | {F(m.Recall)} |");
                }
            }

            return 0;
        });
        return command;
    }

    private static Command Bench()
    {
        var items = new Option<string>("--items") { Description = "Library sizes, comma-separated", DefaultValueFactory = _ => "1000,10000,100000" };
        var queries = new Option<int>("--queries") { Description = "Timed queries per size", DefaultValueFactory = _ => 300 };
        var command = new Command("bench", "Recommendation latency (p50/p99) at several library sizes, in a scratch store")
        {
            items, queries, Provider, ConnectionString,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var seed = DemoLibrary.Drafts();
            var sizes = parse.GetValue(items)!.Split(',').Select(s => int.Parse(s.Trim(), CultureInfo.InvariantCulture)).ToList();
            Console.WriteLine($"Machine: {Environment.ProcessorCount} cores; {parse.GetValue(queries)} timed queries per size, after 20 warm-up queries.");
            Console.WriteLine("| store | items | load s | index build s | keyword p50 / p99 ms | recommend p50 / p99 ms | recommend p99 vs keyword | CPU ms/query keyword / recommend | load avg |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var size in sizes)
            {
                await using var store = await CliStore.ScratchAsync(parse.GetValue(Provider), parse.GetValue(ConnectionString));
                var r = await LatencyBenchmark.RunAsync(store.Database, seed, size, parse.GetValue(queries), cancellationToken: cancellationToken);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Provider} | {r.Items} | {r.LoadSeconds:F1} | {r.IndexBuildSeconds:F2} | {r.Keyword.P50Ms:F2} / {r.Keyword.P99Ms:F2} | " +
                    $"{r.Recommend.P50Ms:F2} / {r.Recommend.P99Ms:F2} | {r.Recommend.P99Ms / r.Keyword.P99Ms:F2}x | " +
                    $"{r.Keyword.CpuMsPerQuery:F2} / {r.Recommend.CpuMsPerQuery:F2} | {r.LoadAverage:F1} |"));
            }

            return 0;
        });
        return command;
    }

    private static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    private static string FindInRepository(string relative)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"'{relative}' not found above the current folder; pass --set.");
    }
}
