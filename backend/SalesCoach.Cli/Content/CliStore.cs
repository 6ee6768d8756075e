using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SalesCoach.Content.Library;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Migrations;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Cli.Content;

/// <summary>
/// A migrated store for a CLI command: the configured one (same settings as the API:
/// provider, data directory or connection string), or a scratch one dropped afterwards.
/// </summary>
internal sealed class CliStore : IAsyncDisposable
{
    private readonly string? _scratchDirectory;
    private readonly (string Server, string Name)? _scratchDatabase;

    private CliStore(SqlDatabase database, string? scratchDirectory, (string, string)? scratchDatabase)
    {
        Database = database;
        _scratchDirectory = scratchDirectory;
        _scratchDatabase = scratchDatabase;
    }

    public SqlDatabase Database { get; }

    public static async Task<CliStore> OpenAsync(StorageProvider provider, string dataDirectory, string? connectionString)
    {
        var database = SqlDatabase.Create(new StorageOptions { Provider = provider, DataDirectory = dataDirectory, ConnectionString = connectionString });
        await MigrateAsync(database);
        return new CliStore(database, null, null);
    }

    /// <summary>An empty store: a temporary SQLite folder, or a new database on the PostgreSQL server <paramref name="server"/> names.</summary>
    public static async Task<CliStore> ScratchAsync(StorageProvider provider, string? server)
    {
        if (provider == StorageProvider.Sqlite)
        {
            var directory = Directory.CreateTempSubdirectory("salescoach-scratch-").FullName;
            var sqlite = SqlDatabase.Create(new StorageOptions { Provider = provider, DataDirectory = directory });
            await MigrateAsync(sqlite);
            return new CliStore(sqlite, directory, null);
        }

        var admin = server ?? throw new ArgumentException("PostgreSQL needs --connection-string (a server the tool may create a scratch database on).");
        var name = "sc_scratch_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var database = SqlDatabase.Create(new StorageOptions
        {
            Provider = provider,
            ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString(),
        });
        await MigrateAsync(database);
        return new CliStore(database, null, (admin, name));
    }

    private static Task MigrateAsync(SqlDatabase database) =>
        new Migrator(database, [CoreSchema.Source, new ContentMigrations()], TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync();

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        if (_scratchDirectory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_scratchDirectory, recursive: true);
        }

        if (_scratchDatabase is { } scratch)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(scratch.Server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {scratch.Name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
