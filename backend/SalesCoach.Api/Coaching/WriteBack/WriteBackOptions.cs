using System.ComponentModel.DataAnnotations;

namespace SalesCoach.Api.Coaching.WriteBack;

/// <summary>Section <c>Coaching:WriteBack</c>: how often a transient CRM failure (throttled, unavailable) is tried again.</summary>
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
}
