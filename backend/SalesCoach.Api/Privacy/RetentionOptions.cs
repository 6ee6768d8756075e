using System.ComponentModel.DataAnnotations;

namespace SalesCoach.Api.Privacy;

/// <summary>
/// Section <c>Privacy:Retention</c>: how the retention service works through old interactions. Each tenant's period is its
/// own setting (<c>PUT /api/v1/privacy/settings</c>); these only pace the work.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Privacy:Retention";

    /// <summary>False stops the background service; <c>POST /api/v1/privacy/retention/run</c> still works.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Wait after start before the first pass, so a starting host serves first.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan FirstRunDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Time between passes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Interactions deleted per transaction: small, because on SQLite live appends wait while one runs.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 25;

    /// <summary>Batches per tenant per pass; what is left waits for the next pass.</summary>
    [Range(1, 100_000)]
    public int MaxBatchesPerPass { get; set; } = 200;

    /// <summary>Pause between two batches, so appends and completions get the store in between.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan Pause { get; set; } = TimeSpan.FromMilliseconds(20);
}
