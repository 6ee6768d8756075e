using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using SalesCoach.Storage.Database;

namespace SalesCoach.Storage.Migrations;

/// <summary>
/// Applies every pending migration of every module, each in its own transaction, in
/// version order. Safe to run from several replicas at once: PostgreSQL takes an advisory
/// lock, SQLite the write gate and an immediate (write) transaction, and each step re-checks what is applied.
/// </summary>
public sealed class Migrator(SqlDatabase database, IEnumerable<IMigrationSource> sources, TimeProvider time, ILogger<Migrator> logger)
{
    private const long AdvisoryLockKey = 0x5a1e5c0ac4L;

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using (await database.EnterWriteAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    module TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    applied_at BIGINT NOT NULL,
                    PRIMARY KEY (module, version)
                )
                """, cancellationToken: cancellationToken));
        }

        foreach (var source in sources.OrderBy(s => s.Module == "core" ? 0 : 1).ThenBy(s => s.Module, StringComparer.Ordinal))
        {
            foreach (var migration in source.Migrations.OrderBy(m => m.Version))
            {
                await ApplyAsync(connection, source.Module, migration, cancellationToken);
            }
        }
    }

    private async Task ApplyAsync(DbConnection connection, string module, Migration migration, CancellationToken cancellationToken)
    {
        if (!database.IsPostgres)
        {
            // BEGIN IMMEDIATE takes the write lock up front, so two processes cannot both decide a step is pending; the
            // write gate first, like every SQLite writer, so this process's own writers queue in memory.
            using var gate = await database.EnterWriteAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("BEGIN IMMEDIATE", cancellationToken: cancellationToken));
            try
            {
                await ApplyInsideTransactionAsync(connection, null, module, migration, cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition("COMMIT", cancellationToken: cancellationToken));
            }
            catch
            {
                await connection.ExecuteAsync("ROLLBACK");
                throw;
            }

            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLockKey }, transaction, cancellationToken: cancellationToken));
        await ApplyInsideTransactionAsync(connection, transaction, module, migration, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task ApplyInsideTransactionAsync(
        DbConnection connection, DbTransaction? transaction, string module, Migration migration, CancellationToken cancellationToken)
    {
        var applied = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM schema_migrations WHERE module = @module AND version = @version",
            new { module, version = migration.Version }, transaction, cancellationToken: cancellationToken));
        if (applied > 0)
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            migration.SqlFor(database.IsPostgres), transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (@module, @version, @name, @at)",
            new { module, version = migration.Version, name = migration.Name, at = time.GetUtcNow().ToUnixMs() },
            transaction, cancellationToken: cancellationToken));
        logger.LogInformation("Applied migration {Module} {Version} {Name}", module, migration.Version, migration.Name);
    }

    /// <summary>The highest applied version of each module, for readiness checks and the CLI.</summary>
    public async Task<IReadOnlyDictionary<string, int>> AppliedVersionsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Module, int Version)>(new CommandDefinition(
            "SELECT module, MAX(version) FROM schema_migrations GROUP BY module", cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Module, r => r.Version);
    }

    public bool IsUpToDate(IReadOnlyDictionary<string, int> applied) =>
        sources.All(s => s.Migrations.Count == 0 || (applied.TryGetValue(s.Module, out var v) && v >= s.Migrations.Max(m => m.Version)));
}
