using SalesCoach.Storage.Migrations;

namespace SalesCoach.Crm.WriteBack;

/// <summary>The Crm module's tables: CRM tokens kept between a call and its write-back, sealed at rest.</summary>
internal sealed class CrmMigrations : IMigrationSource
{
    public string Module => "crm";

    public IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "sealed crm tokens",
            """
            CREATE TABLE crm_tokens (
                tenant_id TEXT NOT NULL,
                crm TEXT NOT NULL,
                user_key TEXT NOT NULL,
                sealed_token TEXT NOT NULL,
                expires_at BIGINT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, crm, user_key)
            );
            """),
        new(2, "sealed salesforce refresh tokens",
            """
            ALTER TABLE crm_tokens ADD COLUMN sealed_refresh_token TEXT NULL;
            """),
    ];
}
