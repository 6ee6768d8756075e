namespace SalesCoach.Storage.Database;

/// <summary>Timestamps are stored as Unix milliseconds (BIGINT) so both stores compare and index them the same way.</summary>
public static class UnixTime
{
    public static long ToUnixMs(this DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);
}
