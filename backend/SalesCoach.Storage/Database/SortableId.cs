using System.Security.Cryptography;

namespace SalesCoach.Storage.Database;

/// <summary>
/// Ids that sort by creation: Unix milliseconds, then a per-process sequence, then random bits.
/// Rows created in the same millisecond by one process keep their order; ids from different
/// processes never collide.
/// </summary>
public static class SortableId
{
    private static long _sequence;

    public static string New(TimeProvider time) =>
        $"{time.GetUtcNow().ToUnixTimeMilliseconds():x12}{Interlocked.Increment(ref _sequence) & 0xFFFFFFFF:x8}{RandomNumberGenerator.GetHexString(12, lowercase: true)}";
}
