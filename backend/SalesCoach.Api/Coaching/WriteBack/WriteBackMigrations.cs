using SalesCoach.Storage.Migrations;

namespace SalesCoach.Api.Coaching.WriteBack;

/// <summary>
/// Module "coaching_writeback": one row per completed interaction whose summary goes to the CRM record. Its own
/// module (not a coaching migration) so it never competes for a version number with the coaching tables.
/// </summary>
internal sealed class WriteBackMigrations : IMigrationSource
{
    public string Module => "coaching_writeback";

    public IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "write-back jobs",
            """
            CREATE TABLE coaching_writebacks (
                tenant_id TEXT NOT NULL,
                interaction_id TEXT NOT NULL,
                crm TEXT NOT NULL,
                record_type TEXT NOT NULL,
                record_id TEXT NOT NULL,
                status TEXT NOT NULL,
                attempts BIGINT NOT NULL,
                last_error TEXT NULL,
                note_id TEXT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, interaction_id)
            );
            CREATE INDEX ix_coaching_writebacks_status ON coaching_writebacks (status);
            """),
        new(2, "write-back leases across replicas",
            """
            ALTER TABLE coaching_writebacks ADD COLUMN claimed_by TEXT NULL;
            ALTER TABLE coaching_writebacks ADD COLUMN lease_until BIGINT NULL;
            ALTER TABLE coaching_writebacks ADD COLUMN not_before BIGINT NULL;
            """),
        new(3, "a failed job's reason as a code an adapter acts on",
            """
            ALTER TABLE coaching_writebacks ADD COLUMN error_code TEXT NULL;
            """),
    ];
}
