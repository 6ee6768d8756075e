using System.Data.Common;
using Dapper;
using SalesCoach.Storage.Database;

namespace SalesCoach.Api.Privacy;

/// <summary>Deletes interactions and every row derived from them, inside the caller's transaction (erasure, retention purge).</summary>
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
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var args = new { tenantId, ids = chunk };
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
    /// Deletes what a straggling append may have written after the interactions were deleted (one that held their live
    /// state just before). Run once their live state is forgotten; it deletes nothing in the usual case.
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
