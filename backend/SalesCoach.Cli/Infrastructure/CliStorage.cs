using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using SalesCoach.Inference.Registry;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Migrations;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Cli.Infrastructure;

/// <summary>
/// The store the CLI works on, configured like the host: environment variables <c>Storage__Provider</c>,
/// <c>Storage__DataDirectory</c> and <c>Storage__ConnectionString</c>, with <c>--data-dir</c> overriding the folder.
/// Migrations run first, so the CLI works on a fresh store too.
/// </summary>
public sealed class CliStorage : IAsyncDisposable
{
    public static readonly Option<string?> DataDirectoryOption = new("--data-dir")
    {
        Description = "Folder of the SQLite store (default: Storage__DataDirectory or .data)",
        Recursive = true,
    };

    private CliStorage(SqlDatabase database) => Database = database;

    public SqlDatabase Database { get; }

    public static StorageOptions ReadOptions(ParseResult parse)
    {
        var options = new StorageOptions();
        if (Environment.GetEnvironmentVariable("Storage__Provider") is { Length: > 0 } provider)
        {
            options.Provider = Enum.Parse<StorageProvider>(provider, ignoreCase: true);
        }

        options.DataDirectory = parse.GetValue(DataDirectoryOption)
            ?? Environment.GetEnvironmentVariable("Storage__DataDirectory")
            ?? options.DataDirectory;
        options.ConnectionString = Environment.GetEnvironmentVariable("Storage__ConnectionString");
        if (options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).FirstOrDefault() is { } problem)
        {
            throw new InvalidOperationException(problem.ErrorMessage);
        }

        return options;
    }

    public static async Task<CliStorage> OpenAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var database = SqlDatabase.Create(ReadOptions(parse));
        await new Migrator(database, [CoreSchema.Source, new InferenceMigrations()], TimeProvider.System, NullLogger<Migrator>.Instance)
            .MigrateAsync(cancellationToken);
        return new CliStorage(database);
    }

    public ModelRegistry CreateRegistry() => new(Database, TimeProvider.System);

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
