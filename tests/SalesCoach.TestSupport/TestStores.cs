using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Migrations;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.TestSupport;

/// <summary>
/// A fresh, migrated store of either kind. SQLite lives in a temporary folder; PostgreSQL is
/// a new database on the server that <c>.ci/test.sh</c> started (<c>SALESCOACH_TEST_POSTGRES</c>).
/// A missing server is a failure, not a skip: the README's test command always starts one.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public const string PostgresVariable = "SALESCOACH_TEST_POSTGRES";

    private readonly string? _directory;
    private readonly string? _postgresDatabase;

    private TestStore(StorageOptions options, string? directory, string? postgresDatabase)
    {
        Options = options;
        _directory = directory;
        _postgresDatabase = postgresDatabase;
        Database = SqlDatabase.Create(options);
    }

    public StorageOptions Options { get; }

    public SqlDatabase Database { get; }

    public static async Task<TestStore> CreateAsync(StorageProvider provider, params IMigrationSource[] migrations)
    {
        var store = provider == StorageProvider.Sqlite ? CreateSqlite() : await CreatePostgresAsync();
        await store.MigrateAsync(migrations);
        return store;
    }

    /// <summary>Configuration values that point a host at this store (for WebApplicationFactory tests).</summary>
    public IReadOnlyDictionary<string, string?> ToConfiguration() => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = Options.Provider.ToString(),
        ["Storage:DataDirectory"] = Options.DataDirectory,
        ["Storage:ConnectionString"] = Options.ConnectionString,
    };

    public async Task MigrateAsync(IEnumerable<IMigrationSource> migrations) =>
        await new Migrator(Database, [CoreSchema.Source, .. migrations], TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync();

    public static string PostgresServer() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{PostgresVariable} is not set. Run the tests with `bash .ci/test.sh`, which starts PostgreSQL, " +
                $"or start one with `bash .ci/postgres.sh` and export {PostgresVariable}.");

    private static TestStore CreateSqlite()
    {
        var directory = Directory.CreateTempSubdirectory("salescoach-test-").FullName;
        return new TestStore(new StorageOptions { Provider = StorageProvider.Sqlite, DataDirectory = directory }, directory, null);
    }

    private static async Task<TestStore> CreatePostgresAsync()
    {
        var server = PostgresServer();
        var name = "sc_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
        return new TestStore(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connectionString }, null, name);
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A pooled handle may linger on some file systems; the temp folder is reclaimed anyway.
            }
        }

        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresServer());
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
