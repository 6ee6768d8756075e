using SalesCoach.Storage.Migrations;

namespace SalesCoach.Storage.Privacy;

/// <summary>Module "privacy": per-tenant privacy settings (consent required, retention). A tenant without a row has the defaults.</summary>
internal sealed class PrivacyMigrations : IMigrationSource
{
    public string Module => "privacy";

    public IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "privacy settings",
            """
            CREATE TABLE privacy_settings (
                tenant_id TEXT PRIMARY KEY,
                consent_required BIGINT NOT NULL,
                retention_days BIGINT NULL,
                updated_at BIGINT NOT NULL
            );
            """),
    ];
}
