using SalesCoach.Storage.Migrations;

namespace SalesCoach.Storage.Tenants;

/// <summary>Tenants, their API keys, their connected CRM orgs and the admin audit log.</summary>
internal sealed class CoreMigrations : IMigrationSource
{
    public string Module => "core";

    public IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "tenants and api keys",
            """
            CREATE TABLE tenants (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                created_at BIGINT NOT NULL
            );
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
                key_hash TEXT NOT NULL UNIQUE,
                prefix TEXT NOT NULL,
                role TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                revoked_at BIGINT NULL
            );
            CREATE INDEX ix_api_keys_tenant ON api_keys (tenant_id);
            """),
        new(2, "crm connections and audit log",
            """
            CREATE TABLE crm_connections (
                tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
                crm TEXT NOT NULL,
                org_id TEXT NOT NULL,
                display_name TEXT NULL,
                instance_url TEXT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, crm),
                UNIQUE (crm, org_id)
            );
            CREATE TABLE audit_log (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                detail TEXT NULL,
                at BIGINT NOT NULL
            );
            CREATE INDEX ix_audit_log_tenant_at ON audit_log (tenant_id, at);
            """),
    ];
}
