using System.ComponentModel.DataAnnotations;

namespace SalesCoach.Api.Coaching.WriteBack;

/// <summary>
/// Section <c>Coaching:WriteBack</c>: how often a transient CRM failure (throttled, unavailable) is tried again, and how
/// replicas sharing one store hand jobs to each other.
/// </summary>
public sealed class WriteBackOptions
{
    public const string Section = "Coaching:WriteBack";

    /// <summary>Attempts in all, the first included, before a transiently failing job is marked failed.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the second attempt; doubled for each later one (capped by <see cref="MaxDelay"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.001", "06:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a replica holds a job it runs; renewed every third of it while the run lasts. A replica that dies
    /// leaves its job to the others once this passes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often each replica looks for jobs due that no one holds (left by a replica that died, or retries another one scheduled).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
