using System.Data.Common;
using Dapper;
using SalesCoach.Content.Library;
using SalesCoach.Storage.Database;

namespace SalesCoach.Content.Search;

public sealed record FullTextHit(string Id, double Score);

/// <summary>
/// Keyword retrieval on the store's own engine: FTS5 + bm25() in SQLite (text pre-analysed by
/// <see cref="TextAnalyzer"/>), tsvector + ts_rank_cd in PostgreSQL with the language's
/// stemming config (Mandarin pre-split into bigrams and indexed with 'simple').
/// </summary>
public sealed class FullTextIndex(SqlDatabase database)
{
    // Column weights: a word in the title or the metadata says more than one in the body.
    // The tenant column only filters (weight 0).
    private const string Bm25 = "bm25(content_fts, 0.0, 3.0, 1.0, 2.0)";

    public async Task UpsertAsync(DbConnection connection, DbTransaction transaction, string tenantId, string id, ContentDraft draft)
    {
        var body = $"{draft.Summary} {draft.Body}";
        var meta = MetadataText(draft);
        if (database.IsPostgres)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO content_search (content_id, tenant_id, tsv)
                VALUES (@id, @tenantId,
                    setweight(to_tsvector(@config::regconfig, @title), 'A') ||
                    setweight(to_tsvector('simple', @meta), 'B') ||
                    setweight(to_tsvector(@config::regconfig, @body), 'D'))
                ON CONFLICT (content_id) DO UPDATE SET tsv = excluded.tsv
                """,
                new
                {
                    id, tenantId, config = PostgresConfig(draft.Language),
                    title = TextAnalyzer.ForPostgres(draft.Title), meta = TextAnalyzer.ForPostgres(meta), body = TextAnalyzer.ForPostgres(body),
                },
                transaction);
            return;
        }

        await RemoveAsync(connection, transaction, tenantId, id);
        var key = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO content_fts (tenant, title, body, meta) VALUES (@tenant, @title, @body, @meta); SELECT last_insert_rowid();",
            new { tenant = TenantToken(tenantId), title = Analyzed(draft.Title, draft.Language), body = Analyzed(body, draft.Language), meta = Analyzed(meta, draft.Language) },
            transaction);
        await connection.ExecuteAsync(
            "UPDATE content_items SET search_key = @key WHERE tenant_id = @tenantId AND id = @id", new { key, tenantId, id }, transaction);
    }

    public async Task RemoveAsync(DbConnection connection, DbTransaction transaction, string tenantId, string id)
    {
        if (database.IsPostgres)
        {
            await connection.ExecuteAsync(
                "DELETE FROM content_search WHERE tenant_id = @tenantId AND content_id = @id", new { tenantId, id }, transaction);
            return;
        }

        await connection.ExecuteAsync(
            """
            DELETE FROM content_fts WHERE rowid = (SELECT search_key FROM content_items WHERE tenant_id = @tenantId AND id = @id);
            UPDATE content_items SET search_key = NULL WHERE tenant_id = @tenantId AND id = @id;
            """,
            new { tenantId, id }, transaction);
    }

    /// <summary>The best active items of one tenant for any of the terms, best first, scores higher-is-better.</summary>
    public async Task<IReadOnlyList<FullTextHit>> SearchAsync(
        string tenantId, IReadOnlyList<QueryTerm> terms, string language, int limit, CancellationToken cancellationToken = default)
    {
        if (terms.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        if (database.IsPostgres)
        {
            var hits = await connection.QueryAsync<FullTextHit>(new CommandDefinition(
                """
                SELECT s.content_id AS Id, CAST(ts_rank(s.tsv, q.query, 1) AS DOUBLE PRECISION) AS Score
                FROM content_search s,
                     (SELECT to_tsquery(@config::regconfig, @query) || to_tsquery('simple', @query) AS query) q
                WHERE s.tenant_id = @tenantId AND s.tsv @@ q.query
                ORDER BY Score DESC, s.content_id
                LIMIT @limit
                """,
                new { tenantId, config = PostgresConfig(language), query = string.Join(" | ", terms.Select(t => t.Raw.ToLowerInvariant())), limit },
                cancellationToken: cancellationToken));
            return hits.AsList();
        }

        // The tenant is a token in the index, so FTS5 ranks and cuts to `limit` on its own; only those
        // rows are joined (CROSS JOIN fixes the order), and the join re-checks tenant and archive.
        var rows = await connection.QueryAsync<SqliteHitRow>(new CommandDefinition(
            $"""
            SELECT ci.id AS Id, -m.rank AS Score
            FROM (SELECT rowid AS key, {Bm25} AS rank FROM content_fts WHERE content_fts MATCH @match ORDER BY rank LIMIT @limit) m
            CROSS JOIN content_items ci ON ci.search_key = m.key
            WHERE ci.tenant_id = @tenantId AND ci.archived_at IS NULL
            ORDER BY m.rank, ci.id
            """,
            new { tenantId, match = $"tenant : {TenantToken(tenantId)} AND ({string.Join(" OR ", terms.Select(t => $"\"{t.Token.Replace("\"", "\"\"", StringComparison.Ordinal)}\""))})", limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new FullTextHit(r.Id, r.Score))];
    }

    public static string PostgresConfig(string language) => language switch
    {
        "en" => "english",
        "es" => "spanish",
        "fr" => "french",
        "de" => "german",
        _ => "simple",
    };

    private static string MetadataText(ContentDraft draft) => string.Join(' ',
        [draft.Type.Replace('_', ' '), .. draft.Tags, .. draft.Industries, .. draft.Products, .. draft.Stages, .. draft.Personas, .. draft.Competitors]);

    /// <summary>SQLite reports no type for an expression column of an empty result; a settable class lets Dapper bind it anyway.</summary>
    private sealed class SqliteHitRow
    {
        public string Id { get; set; } = "";

        public double Score { get; set; }
    }

    /// <summary>One alphanumeric token per tenant (a hash), so no tenant id can read as another's under the tokenizer.</summary>
    private static string TenantToken(string tenantId) =>
        "t" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(tenantId)))[..24];

    private static string Analyzed(string text, string language) => string.Join(' ', TextAnalyzer.Tokens(text, language));
}
