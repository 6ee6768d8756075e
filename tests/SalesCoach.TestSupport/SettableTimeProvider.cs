namespace SalesCoach.TestSupport;

/// <summary>A clock the test sets: signature windows and token lifetimes are checked against it.</summary>
public sealed class SettableTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
