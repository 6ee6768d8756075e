using System.ComponentModel.DataAnnotations;

namespace SalesCoach.Storage.Database;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Configuration section <c>Storage</c>: which store the backend keeps its data in.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Folder of the embedded SQLite file (created on start).</summary>
    [Required]
    public string DataDirectory { get; set; } = ".data";

    /// <summary>Npgsql connection string; required when <see cref="Provider"/> is Postgres.</summary>
    public string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Storage:ConnectionString is required when Storage:Provider is Postgres.",
                [nameof(ConnectionString)]);
        }
    }
}
