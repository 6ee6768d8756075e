using SalesCoach.Storage.Migrations;

namespace SalesCoach.Content.Library;

/// <summary>
/// The content module's tables. Full-text search differs per store: an FTS5 table whose rowid the
/// item keeps in search_key, or a tsvector column with a GIN index in PostgreSQL.
/// </summary>
public sealed class ContentMigrations : IMigrationSource
{
    public string Module => "content";

    public IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "content items, versions and search", Items + Sqlite, Items + Postgres),
        new(2, "engagement events, stats and deal outcomes", Engagement),
        new(3, "engagement events by interaction, record and rep (subject export, erasure, retention)",
            """
            CREATE INDEX ix_content_events_interaction ON content_events (tenant_id, interaction_id);
            CREATE INDEX ix_content_events_record ON content_events (tenant_id, record_id);
            CREATE INDEX ix_content_events_rep ON content_events (tenant_id, rep_id);
            """),
    ];

    private const string Items =
        """
        CREATE TABLE content_items (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL,
            external_id TEXT NULL,
            version INTEGER NOT NULL,
            title TEXT NOT NULL,
            summary TEXT NULL,
            body TEXT NOT NULL,
            url TEXT NULL,
            type TEXT NOT NULL,
            language TEXT NOT NULL,
            metadata TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            archived_at BIGINT NULL,
            search_key BIGINT NULL
        );
        CREATE UNIQUE INDEX ux_content_items_external ON content_items (tenant_id, external_id);
        CREATE INDEX ix_content_items_tenant_updated ON content_items (tenant_id, updated_at);
        CREATE TABLE content_versions (
            tenant_id TEXT NOT NULL,
            content_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            document TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (tenant_id, content_id, version)
        );
        CREATE TABLE content_revisions (
            tenant_id TEXT PRIMARY KEY,
            revision BIGINT NOT NULL
        );

        """;

    private const string Sqlite =
        """
        CREATE VIRTUAL TABLE content_fts USING fts5(tenant, title, body, meta, tokenize = 'unicode61 remove_diacritics 2');
        CREATE INDEX ix_content_items_search_key ON content_items (search_key);
        """;

    private const string Postgres =
        """
        CREATE TABLE content_search (
            content_id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL,
            tsv tsvector NOT NULL
        );
        CREATE INDEX ix_content_search_tsv ON content_search USING GIN (tsv);
        CREATE INDEX ix_content_search_tenant ON content_search (tenant_id);
        """;

    private const string Engagement =
        """
        CREATE TABLE content_events (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL,
            content_id TEXT NOT NULL,
            type TEXT NOT NULL,
            interaction_id TEXT NULL,
            rep_id TEXT NULL,
            record_id TEXT NULL,
            at BIGINT NOT NULL
        );
        CREATE INDEX ix_content_events_tenant_at ON content_events (tenant_id, at);
        CREATE TABLE content_stats (
            tenant_id TEXT NOT NULL,
            content_id TEXT NOT NULL,
            impressions BIGINT NOT NULL DEFAULT 0,
            opens BIGINT NOT NULL DEFAULT 0,
            shares BIGINT NOT NULL DEFAULT 0,
            used BIGINT NOT NULL DEFAULT 0,
            helpful BIGINT NOT NULL DEFAULT 0,
            not_helpful BIGINT NOT NULL DEFAULT 0,
            PRIMARY KEY (tenant_id, content_id)
        );
        CREATE TABLE deal_outcomes (
            tenant_id TEXT NOT NULL,
            record_id TEXT NOT NULL,
            outcome TEXT NOT NULL,
            closed_at BIGINT NOT NULL,
            PRIMARY KEY (tenant_id, record_id)
        );
        """;
}
