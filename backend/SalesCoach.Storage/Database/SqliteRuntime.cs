namespace SalesCoach.Storage.Database;

internal static class SqliteRuntime
{
    private static readonly Lazy<bool> Initialized = new(() =>
    {
        // Microsoft.Data.Sqlite.Core ships no native library of its own: the bundle provides e_sqlite3 (with FTS5 and JSON1).
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    public static void EnsureInitialized() => _ = Initialized.Value;
}
