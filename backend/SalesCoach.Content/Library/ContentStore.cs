using System.Data.Common;
using System.Text.Json;
using Dapper;
using SalesCoach.Content.Search;
using SalesCoach.Storage.Database;

namespace SalesCoach.Content.Library;

public enum WriteStatus
{
    Done,
    NotFound,
    DuplicateExternalId,
}

public sealed record WriteResult(WriteStatus Status, ContentItem? Item = null);

public sealed record ContentFilter(string? Type = null, string? Language = null, string? Tag = null, bool IncludeArchived = false);

public sealed record ContentPage(IReadOnlyList<ContentItem> Items, int Page, int PageSize, long Total);

/// <summary>
/// The tenant's library. Every write is one transaction: the item, its version history row,
/// its full-text entry and the tenant's library revision (which tells caches to reload).
/// Drafts must already be normalized and valid (<see cref="ContentNormalizer"/>, <see cref="ContentValidator"/>).
/// </summary>
public sealed class ContentStore(SqlDatabase database, FullTextIndex fullText, TimeProvider time)
{
    public async Task<WriteResult> CreateAsync(string tenantId, ContentDraft draft, CancellationToken cancellationToken = default)
    {
        var results = await CreateManyAsync(tenantId, [draft], skipExistingExternalIds: false, cancellationToken);
        return results[0];
    }

    /// <summary>
    /// Creates several items in one transaction (bulk import, seeding, benchmarks). With
    /// <paramref name="skipExistingExternalIds"/> an item whose externalId exists is skipped
    /// (idempotent seeding); otherwise a duplicate makes the whole batch write nothing.
    /// </summary>
    public async Task<IReadOnlyList<WriteResult>> CreateManyAsync(
        string tenantId, IReadOnlyList<ContentDraft> drafts, bool skipExistingExternalIds, CancellationToken cancellationToken = default)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var results = new List<WriteResult>(drafts.Count);
        var now = time.GetUtcNow();
        foreach (var draft in drafts)
        {
            if (draft.ExternalId is not null && await ExternalIdTakenAsync(connection, transaction, tenantId, draft.ExternalId, null))
            {
                if (!skipExistingExternalIds)
                {
                    return [new WriteResult(WriteStatus.DuplicateExternalId)];
                }

                results.Add(new WriteResult(WriteStatus.DuplicateExternalId));
                continue;
            }

            var item = new ContentItem(Guid.NewGuid().ToString("N"), 1, draft, now, now, null);
            await connection.ExecuteAsync(
                """
                INSERT INTO content_items (id, tenant_id, external_id, version, title, summary, body, url, type, language, metadata, created_at, updated_at)
                VALUES (@Id, @tenantId, @ExternalId, 1, @Title, @Summary, @Body, @Url, @Type, @Language, @metadata, @at, @at)
                """,
                new { item.Id, tenantId, draft.ExternalId, draft.Title, draft.Summary, draft.Body, draft.Url, draft.Type, draft.Language, metadata = Metadata(draft), at = now.ToUnixMs() },
                transaction);
            await AddVersionAsync(connection, transaction, tenantId, item.Id, 1, draft, now);
            await fullText.UpsertAsync(connection, transaction, tenantId, item.Id, draft);
            results.Add(new WriteResult(WriteStatus.Done, item));
        }

        if (results.Any(r => r.Status == WriteStatus.Done))
        {
            // Only a real change makes the ranking caches reload (a re-run seed adds nothing).
            await BumpRevisionAsync(connection, transaction, tenantId);
        }

        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    /// <summary>Replaces the item's content with a new version; earlier versions stay readable.</summary>
    public async Task<WriteResult> UpdateAsync(string tenantId, string id, ContentDraft draft, CancellationToken cancellationToken = default)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await FindAsync(connection, transaction, tenantId, id);
        if (current is null)
        {
            return new WriteResult(WriteStatus.NotFound);
        }

        if (draft.ExternalId is not null && await ExternalIdTakenAsync(connection, transaction, tenantId, draft.ExternalId, id))
        {
            return new WriteResult(WriteStatus.DuplicateExternalId);
        }

        var now = time.GetUtcNow();
        var version = current.Version + 1;
        await connection.ExecuteAsync(
            """
            UPDATE content_items SET external_id = @ExternalId, version = @version, title = @Title, summary = @Summary, body = @Body, url = @Url,
                type = @Type, language = @Language, metadata = @metadata, updated_at = @at
            WHERE tenant_id = @tenantId AND id = @id
            """,
            new { id, tenantId, version, draft.ExternalId, draft.Title, draft.Summary, draft.Body, draft.Url, draft.Type, draft.Language, metadata = Metadata(draft), at = now.ToUnixMs() },
            transaction);
        await AddVersionAsync(connection, transaction, tenantId, id, version, draft, now);
        if (!current.IsArchived)
        {
            await fullText.UpsertAsync(connection, transaction, tenantId, id, draft);
        }

        await BumpRevisionAsync(connection, transaction, tenantId);
        await transaction.CommitAsync(cancellationToken);
        return new WriteResult(WriteStatus.Done, current with { Version = version, Draft = draft, UpdatedAt = now });
    }

    /// <summary>Archives an item: it stays readable (with its history) but is no longer searched or recommended.</summary>
    public async Task<bool> ArchiveAsync(string tenantId, string id, CancellationToken cancellationToken = default)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await FindAsync(connection, transaction, tenantId, id);
        if (current is null)
        {
            return false;
        }

        if (!current.IsArchived)
        {
            await fullText.RemoveAsync(connection, transaction, tenantId, id);
            await connection.ExecuteAsync(
                "UPDATE content_items SET archived_at = @at, updated_at = @at WHERE tenant_id = @tenantId AND id = @id",
                new { tenantId, id, at = time.GetUtcNow().ToUnixMs() }, transaction);
            await BumpRevisionAsync(connection, transaction, tenantId);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<ContentItem?> GetAsync(string tenantId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, tenantId, id);
    }

    public async Task<ContentPage> ListAsync(string tenantId, int page, int pageSize, ContentFilter filter, CancellationToken cancellationToken = default)
    {
        var where = "tenant_id = @tenantId"
            + (filter.IncludeArchived ? "" : " AND archived_at IS NULL")
            + (filter.Type is null ? "" : " AND type = @Type")
            + (filter.Language is null ? "" : " AND language = @Language");
        var args = new DynamicParameters(new { tenantId, filter.Type, filter.Language, offset = (page - 1) * pageSize, pageSize });
        if (filter.Tag is not null)
        {
            // Tags sit in the metadata JSON; the quoted form matches a whole entry, not a substring of one.
            where += " AND LOWER(metadata) LIKE @tagPattern";
            args.Add("tagPattern", "%" + JsonSerializer.Serialize(filter.Tag).ToLowerInvariant() + "%");
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM content_items WHERE {where}", args, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<ContentRow>(new CommandDefinition(
            $"SELECT {ContentRow.Columns} FROM content_items WHERE {where} ORDER BY updated_at DESC, id LIMIT @pageSize OFFSET @offset",
            args, cancellationToken: cancellationToken));
        return new ContentPage([.. rows.Select(r => r.ToItem())], page, pageSize, total);
    }

    public async Task<IReadOnlyList<ContentVersion>?> VersionsAsync(string tenantId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<(int Version, string Document, long CreatedAt)>(new CommandDefinition(
            "SELECT version, document, created_at FROM content_versions WHERE tenant_id = @tenantId AND content_id = @id ORDER BY version",
            new { tenantId, id }, cancellationToken: cancellationToken))).AsList();
        return rows.Count == 0
            ? null
            : [.. rows.Select(r => new ContentVersion(id, r.Version, JsonSerializer.Deserialize<ContentDraft>(r.Document, ContentJson.Options)!, UnixTime.FromUnixMs(r.CreatedAt)))];
    }

    public async Task<long> RevisionAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT revision FROM content_revisions WHERE tenant_id = @tenantId", new { tenantId }, cancellationToken: cancellationToken)) ?? 0;
    }

    /// <summary>Every active item of the tenant, for building the in-memory ranking index.</summary>
    public async Task<(long Revision, IReadOnlyList<ContentItem> Items)> LoadActiveAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await SqlDatabase.BeginSnapshotAsync(connection, cancellationToken);
        var revision = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT revision FROM content_revisions WHERE tenant_id = @tenantId", new { tenantId }, transaction, cancellationToken: cancellationToken)) ?? 0;
        var rows = await connection.QueryAsync<ContentRow>(new CommandDefinition(
            $"SELECT {ContentRow.Columns} FROM content_items WHERE tenant_id = @tenantId AND archived_at IS NULL ORDER BY id",
            new { tenantId }, transaction, cancellationToken: cancellationToken));
        var items = rows.Select(r => r.ToItem()).ToList();
        await transaction.CommitAsync(cancellationToken);
        return (revision, items);
    }

    private static async Task<ContentItem?> FindAsync(DbConnection connection, DbTransaction? transaction, string tenantId, string id)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ContentRow>(
            $"SELECT {ContentRow.Columns} FROM content_items WHERE tenant_id = @tenantId AND id = @id", new { tenantId, id }, transaction);
        return row?.ToItem();
    }

    private static async Task<bool> ExternalIdTakenAsync(DbConnection connection, DbTransaction transaction, string tenantId, string externalId, string? exceptId) =>
        await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM content_items WHERE tenant_id = @tenantId AND external_id = @externalId AND id <> @exceptId",
            new { tenantId, externalId, exceptId = exceptId ?? "" }, transaction) > 0;

    private static Task AddVersionAsync(DbConnection connection, DbTransaction transaction, string tenantId, string id, int version, ContentDraft draft, DateTimeOffset at) =>
        connection.ExecuteAsync(
            "INSERT INTO content_versions (tenant_id, content_id, version, document, created_at) VALUES (@tenantId, @id, @version, @document, @at)",
            new { tenantId, id, version, document = JsonSerializer.Serialize(draft, ContentJson.Options), at = at.ToUnixMs() }, transaction);

    private static Task BumpRevisionAsync(DbConnection connection, DbTransaction transaction, string tenantId) =>
        connection.ExecuteAsync(
            """
            INSERT INTO content_revisions (tenant_id, revision) VALUES (@tenantId, 1)
            ON CONFLICT (tenant_id) DO UPDATE SET revision = content_revisions.revision + 1
            """,
            new { tenantId }, transaction);

    private static string Metadata(ContentDraft draft) => JsonSerializer.Serialize(ContentMetadata.From(draft), ContentJson.Options);
}
