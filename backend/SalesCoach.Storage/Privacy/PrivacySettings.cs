namespace SalesCoach.Storage.Privacy;

/// <summary>
/// A tenant's privacy settings. <see cref="ConsentRequired"/>: segments of an interaction are refused until the customer's
/// consent is recorded on it. <see cref="RetentionDays"/>: interactions (and everything derived from them) are purged that
/// many days after they end; null keeps them until they are erased. <see cref="UpdatedAt"/> is null while the tenant has
/// never saved its own (the defaults apply).
/// </summary>
public sealed record PrivacySettings(bool ConsentRequired, int? RetentionDays, DateTimeOffset? UpdatedAt = null)
{
    /// <summary>A year: rep metrics over time and a long deal cycle fit in it, and conversations do not pile up for ever.</summary>
    public const int DefaultRetentionDays = 365;

    public const int MaxRetentionDays = 3650;

    public static PrivacySettings Default { get; } = new(false, DefaultRetentionDays);
}
