using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SalesCoach.Storage.Database;

/// <summary>
/// The one entry point to the store. Both providers speak the same SQL for ordinary
/// queries (named <c>@parameters</c>, <c>ON CONFLICT</c>, <c>RETURNING</c>); where they
/// differ (full-text search, locking) callers branch on <see cref="Provider"/>.
/// </summary>
public sealed class SqlDatabase : IAsyncDisposable
{
    private readonly string? _sqliteConnectionString;
    private readonly NpgsqlDataSource? _postgres;
    private readonly SemaphoreSlim? _sqliteWriteGate;
    private readonly nint _sqliteBusyWaits;

    private SqlDatabase(StorageProvider provider, string? sqliteConnectionString, NpgsqlDataSource? postgres)
    {
        Provider = provider;
        _sqliteConnectionString = sqliteConnectionString;
        _postgres = postgres;
        _sqliteWriteGate = postgres is null ? new SemaphoreSlim(1, 1) : null;
        _sqliteBusyWaits = postgres is null ? SqliteBusyHandler.NewCounter() : 0;
    }

    public StorageProvider Provider { get; }

    public bool IsPostgres => Provider == StorageProvider.Postgres;

    /// <summary>
    /// SQLite: how many statements of this store's connections found the database locked by another connection and
    /// had to wait (up to 5 s) inside SQLite. Every writer in this process takes <see cref="EnterWriteAsync"/> first,
    /// so it stays 0 unless another process writes the same file (the CLI beside a running host). Always 0 on PostgreSQL.
    /// </summary>
    public long SqliteBusyWaits => _sqliteBusyWaits == 0 ? 0 : SqliteBusyHandler.Read(_sqliteBusyWaits);

    /// <summary>
    /// True when a statement broke a key or constraint (SQLite's SQLITE_CONSTRAINT, PostgreSQL's class 23): the
    /// row's own fault, not the store's, so other rows of the same transaction may still go in on their own.
    /// </summary>
    public static bool IsConstraintViolation(Exception error) => error switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        PostgresException postgres => postgres.SqlState.StartsWith("23", StringComparison.Ordinal),
        _ => false,
    };

    public static SqlDatabase Create(StorageOptions options)
    {
        if (options.Provider == StorageProvider.Postgres)
        {
            return new SqlDatabase(StorageProvider.Postgres, null, NpgsqlDataSource.Create(options.ConnectionString!));
        }

        SqliteRuntime.EnsureInitialized();
        Directory.CreateDirectory(options.DataDirectory);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(options.DataDirectory, "salescoach.db"),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        };
        return new SqlDatabase(StorageProvider.Sqlite, builder.ToString(), null);
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_sqliteConnectionString);
        await connection.OpenAsync(cancellationToken);
        SqliteBusyHandler.Install(connection, _sqliteBusyWaits);
        using var pragma = SqlitePragmas(connection);
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>Opens a connection without leaving the calling thread: for a dedicated thread, such as a store's single writer.</summary>
    public DbConnection Open()
    {
        if (_postgres is not null)
        {
            return _postgres.OpenConnection();
        }

        var connection = new SqliteConnection(_sqliteConnectionString);
        connection.Open();
        SqliteBusyHandler.Install(connection, _sqliteBusyWaits);
        using var pragma = SqlitePragmas(connection);
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// A read-only transaction whose reads all see the store as it was at one moment (PostgreSQL's repeatable read; a
    /// deferred SQLite transaction, which in WAL mode reads one snapshot and takes no write lock). Pass it to every command.
    /// Microsoft.Data.Sqlite's default is BEGIN IMMEDIATE, which takes the write lock and would make a reader a writer
    /// that has to take the write gate.
    /// </summary>
    public static async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);

    /// <summary>
    /// Taken around every write (a write transaction, or a lone write statement) and released by disposing it. SQLite
    /// has one writer at a time: queueing here costs microseconds, while writers colliding inside SQLite cost busy waits
    /// (sleeps of 1 to 100 ms, counted in <see cref="SqliteBusyWaits"/>) on blocked threads. Nothing on PostgreSQL, whose writers lock
    /// rows, not the database. Hold it only around statements: a holder that waits for another writer deadlocks.
    /// </summary>
    public async ValueTask<WriteGate> EnterWriteAsync(CancellationToken cancellationToken = default)
    {
        if (_sqliteWriteGate is not null)
        {
            await _sqliteWriteGate.WaitAsync(cancellationToken);
        }

        return new WriteGate(_sqliteWriteGate);
    }

    /// <summary><see cref="EnterWriteAsync"/> without leaving the calling thread, for a dedicated writer thread.</summary>
    public WriteGate EnterWrite()
    {
        _sqliteWriteGate?.Wait();
        return new WriteGate(_sqliteWriteGate);
    }

    private static SqliteCommand SqlitePragmas(SqliteConnection connection)
    {
        // WAL lets readers run beside the single writer; the busy handler (installed first) queues a statement that
        // finds the file locked (by another process: writers here take the write gate) instead of failing.
        // synchronous=FULL syncs the WAL at every commit: a write the API has acknowledged survives a power loss, which
        // NORMAL does not promise. It holds for every connection, so every commit pays one sync (about 0.1 ms here);
        // segment appends, by far the most frequent writes, are group-committed and pay it once per batch.
        var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;";
        return pragma;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
