namespace SalesCoach.Storage.Migrations;

/// <summary>One schema step. <paramref name="Postgres"/> defaults to the SQLite text where the SQL is the same.</summary>
public sealed record Migration(int Version, string Name, string Sqlite, string? Postgres = null)
{
    public string SqlFor(bool postgres) => postgres ? Postgres ?? Sqlite : Sqlite;
}

/// <summary>
/// A feature's own numbered migrations. Each module (core, coaching, content, inference)
/// keeps its own version sequence, so features evolve their tables independently.
/// </summary>
public interface IMigrationSource
{
    string Module { get; }

    IReadOnlyList<Migration> Migrations { get; }
}
