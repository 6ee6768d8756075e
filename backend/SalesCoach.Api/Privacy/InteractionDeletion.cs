using System.Data.Common;
using Dapper;
using SalesCoach.Storage.Database;

namespace SalesCoach.Api.Privacy;

/// <summary>
/// Deletes interactions and every row derived from them, inside the caller's transaction (erasure, retention purge). An
/// append racing it, on any replica, either commits first (its rows are then seen and deleted here) or finds the
/// interaction gone and writes nothing: appends write only for an interaction that exists in their own transaction
/// (<c>AppendRows</c>), and on PostgreSQL the interactions are locked here before anything of them is deleted.
/// </summary>
internal static class InteractionDeletion
{
    /// <summary>Ids per statement: well under SQLite's parameter limit, and a plan PostgreSQL reuses.</summary>
    private const int Chunk = 500;

    public static async Task DeleteAsync(
        DbConnection connection, DbTransaction transaction, bool postgres, string tenantId, IReadOnlyList<string> ids, DeletedRows deleted,
        CancellationToken cancellationToken)
    {
        // Dapper expands a list into (@ids1, @ids2, ...) for SQLite but passes a native array to Npgsql.
        var inIds = postgres ? "= ANY(@ids)" : "IN @ids";
        // Locked in the order appends check interactions in (ordinal), so a deletion and an append cannot deadlock.
        foreach (var chunk in ids.Order(StringComparer.Ordinal).Chunk(Chunk))
        {
            var args = new { tenantId, ids = chunk };
            if (postgres)
            {
                // An append's check that comes after this waits for the commit and finds nothing; one that came before
                // holds its key-share lock until it commits, and the deletes below then see what it wrote.
                await connection.ExecuteAsync(new CommandDefinition(
                    """SELECT id FROM coaching_interactions WHERE tenant_id = @tenantId AND id = ANY(@ids) ORDER BY id COLLATE "C" FOR UPDATE""",
                    args, transaction, cancellationToken: cancellationToken));
            }

            foreach (var (table, count) in SubjectTables.PerInteraction)
            {
                count(deleted, await connection.ExecuteAsync(new CommandDefinition(
                    $"DELETE FROM {table} WHERE tenant_id = @tenantId AND interaction_id {inIds}", args, transaction, cancellationToken: cancellationToken)));
            }

            // The interactions go last: until the transaction commits, nothing of them is gone.
            deleted.Interactions += await connection.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM coaching_interactions WHERE tenant_id = @tenantId AND id {inIds}", args, transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>
    /// Deletes what another writer of this replica that held an interaction's live state just before (a tip vote, content
    /// use, the summary on completion) may have written after it was deleted; appends cannot (see above). Run once their
    /// live state is forgotten; it deletes nothing in the usual case.
    /// </summary>
    public static async Task SweepAsync(SqlDatabase database, string tenantId, IReadOnlyList<string> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        using var gate = await database.EnterWriteAsync();
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await DeleteAsync(connection, transaction, database.IsPostgres, tenantId, ids, new DeletedRows(), CancellationToken.None);
        await transaction.CommitAsync();
    }
}
