using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Migrations;
using SalesCoach.Storage.Tenants;
using SalesCoach.TestSupport;

namespace SalesCoach.Storage.Tests.Migrations;

public sealed class MigratorTests
{
    private sealed class SampleMigrations(params Migration[] migrations) : IMigrationSource
    {
        public string Module => "sample";

        public IReadOnlyList<Migration> Migrations { get; } = migrations;
    }

    private static Migrator MigratorFor(SqlDatabase database, params IMigrationSource[] sources) =>
        new(database, [CoreSchema.Source, .. sources], TimeProvider.System, NullLogger<Migrator>.Instance);

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task MigrateAsync_RunTwice_AppliesEachStepOnce(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var sample = new SampleMigrations(new Migration(1, "things", "CREATE TABLE things (id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL)"));
        var migrator = MigratorFor(store.Database, sample);

        await migrator.MigrateAsync();
        await migrator.MigrateAsync();

        var applied = await migrator.AppliedVersionsAsync();
        Assert.Equal(1, applied["sample"]);
        Assert.Equal(CoreSchema.Source.Migrations.Max(m => m.Version), applied["core"]);
        Assert.True(migrator.IsUpToDate(applied));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task MigrateAsync_ConcurrentMigrators_BothSucceedAndApplyOnce(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var sample = new SampleMigrations(
            new Migration(1, "a", "CREATE TABLE a (id TEXT PRIMARY KEY)"),
            new Migration(2, "b", "CREATE TABLE b (id TEXT PRIMARY KEY)"));

        await Task.WhenAll(MigratorFor(store.Database, sample).MigrateAsync(), MigratorFor(store.Database, sample).MigrateAsync());

        await using var connection = await store.Database.OpenAsync();
        var rows = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE module = 'sample'");
        Assert.Equal(2, rows);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task MigrateAsync_FailingStep_LeavesNothingOfThatStep(StorageProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var broken = new SampleMigrations(
            new Migration(1, "good", "CREATE TABLE good (id TEXT PRIMARY KEY)"),
            new Migration(2, "half", "CREATE TABLE half (id TEXT PRIMARY KEY); INSERT INTO no_such_table VALUES (1);"));
        var migrator = MigratorFor(store.Database, broken);

        await Assert.ThrowsAnyAsync<Exception>(() => migrator.MigrateAsync());

        var applied = await migrator.AppliedVersionsAsync();
        Assert.Equal(1, applied["sample"]);
        Assert.False(migrator.IsUpToDate(applied));
        await using var connection = await store.Database.OpenAsync();
        var halfExists = provider == StorageProvider.Postgres
            ? await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'half'")
            : await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'");
        Assert.Equal(0, halfExists);
    }
}
