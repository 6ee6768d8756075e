using SalesCoach.Storage.Migrations;

namespace SalesCoach.Coaching.Interactions;

/// <summary>Module "coaching": interactions (with the customer's consent), their (redacted) segments, tips, event log, summaries, playbooks, tip feedback.</summary>
public sealed class CoachingMigrations : IMigrationSource
{
    public string Module => "coaching";

    public IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "interactions, segments, tips, events, summaries, playbooks",
            """
            CREATE TABLE coaching_interactions (
                tenant_id TEXT NOT NULL,
                id TEXT NOT NULL,
                crm TEXT NOT NULL,
                record_type TEXT NOT NULL,
                record_id TEXT NOT NULL,
                rep_id TEXT NOT NULL,
                language TEXT NOT NULL,
                channel TEXT NOT NULL,
                status TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                completed_at BIGINT NULL,
                PRIMARY KEY (tenant_id, id)
            );
            CREATE INDEX ix_coaching_interactions_record ON coaching_interactions (tenant_id, crm, record_id);
            CREATE TABLE coaching_segments (
                tenant_id TEXT NOT NULL,
                interaction_id TEXT NOT NULL,
                seq BIGINT NOT NULL,
                speaker TEXT NOT NULL,
                text TEXT NOT NULL,
                start_ms BIGINT NOT NULL,
                end_ms BIGINT NOT NULL,
                signals TEXT NOT NULL,
                received_at BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, interaction_id, seq)
            );
            CREATE TABLE coaching_tips (
                tenant_id TEXT NOT NULL,
                interaction_id TEXT NOT NULL,
                id TEXT NOT NULL,
                kind TEXT NOT NULL,
                segment_seq BIGINT NOT NULL,
                conversation_ms BIGINT NOT NULL,
                body TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, interaction_id, id)
            );
            CREATE TABLE coaching_events (
                tenant_id TEXT NOT NULL,
                interaction_id TEXT NOT NULL,
                event_id BIGINT NOT NULL,
                type TEXT NOT NULL,
                data TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, interaction_id, event_id)
            );
            CREATE TABLE coaching_content_events (
                tenant_id TEXT NOT NULL,
                interaction_id TEXT NOT NULL,
                content_id TEXT NOT NULL,
                type TEXT NOT NULL,
                rep_id TEXT NULL,
                at BIGINT NOT NULL
            );
            CREATE INDEX ix_coaching_content_events ON coaching_content_events (tenant_id, interaction_id);
            CREATE TABLE coaching_summaries (
                tenant_id TEXT NOT NULL,
                interaction_id TEXT NOT NULL,
                body TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, interaction_id)
            );
            CREATE TABLE coaching_playbooks (
                tenant_id TEXT NOT NULL PRIMARY KEY,
                body TEXT NOT NULL,
                updated_at BIGINT NOT NULL
            );
            """),
        new(2, "tip feedback",
            """
            CREATE TABLE coaching_tip_feedback (
                tenant_id TEXT NOT NULL,
                interaction_id TEXT NOT NULL,
                tip_id TEXT NOT NULL,
                tip_kind TEXT NOT NULL,
                type TEXT NOT NULL,
                rep_id TEXT NOT NULL,
                at BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, interaction_id, tip_id, rep_id)
            );
            CREATE INDEX ix_coaching_created ON coaching_interactions (tenant_id, created_at);
            """),
        new(3, "consent per interaction; indexes for subject requests and retention",
            """
            ALTER TABLE coaching_interactions ADD COLUMN consent BIGINT NULL;
            ALTER TABLE coaching_interactions ADD COLUMN consent_at BIGINT NULL;
            CREATE INDEX ix_coaching_interactions_subject_record ON coaching_interactions (tenant_id, record_id);
            CREATE INDEX ix_coaching_interactions_subject_rep ON coaching_interactions (tenant_id, rep_id);
            CREATE INDEX ix_coaching_interactions_completed ON coaching_interactions (tenant_id, completed_at);
            """),
    ];
}
