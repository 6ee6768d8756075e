using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace SalesCoach.Storage.Database;

/// <summary>
/// SQLite's busy handler, installed on every connection the store opens in place of <c>PRAGMA busy_timeout</c>. It
/// waits the way the busy timeout did (sleeps of 1 ms doubling up to 100 ms, at most 5 s in all, then SQLITE_BUSY) and
/// counts each statement that had to wait, so "no writer ever waited inside SQLite" can be checked. Microsoft.Data.Sqlite
/// 6 has no API for it, so it is set through the same e_sqlite3 library the provider uses.
/// </summary>
internal static unsafe class SqliteBusyHandler
{
    private const int TimeoutMs = 5000;

    private static readonly Lazy<nint> SetHandler = new(() =>
    {
        // Resolved the way the provider's own imports are, so the connection handle and this call meet the same library.
        var library = NativeLibrary.Load("e_sqlite3", typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly, null);
        return NativeLibrary.GetExport(library, "sqlite3_busy_handler");
    });

    /// <summary>
    /// A wait counter in native memory for one database object. A pooled connection can outlive the object that opened
    /// it, and its handler keeps pointing here, so the 8 bytes are never freed.
    /// </summary>
    public static nint NewCounter() => (nint)NativeMemory.AllocZeroed((nuint)sizeof(long));

    public static long Read(nint counter) => Volatile.Read(ref *(long*)counter);

    public static void Install(SqliteConnection connection, nint counter)
    {
        var setHandler = (delegate* unmanaged[Cdecl]<nint, delegate* unmanaged[Cdecl]<nint, int, int>, nint, int>)SetHandler.Value;
        var result = setHandler(connection.Handle!.DangerousGetHandle(), &OnBusy, counter);
        if (result != 0)
        {
            throw new InvalidOperationException($"sqlite3_busy_handler answered {result}.");
        }
    }

    /// <summary>Called by SQLite with how many times it has already been called for this lock; 0 gives up (SQLITE_BUSY).</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnBusy(nint counter, int calls)
    {
        var waited = calls <= 7 ? (1 << calls) - 1 : 127 + ((calls - 7) * 100);
        if (waited >= TimeoutMs)
        {
            return 0;
        }

        if (calls == 0)
        {
            Interlocked.Increment(ref *(long*)counter);
        }

        Thread.Sleep(Math.Min(calls < 7 ? 1 << calls : 100, TimeoutMs - waited));
        return 1;
    }
}
