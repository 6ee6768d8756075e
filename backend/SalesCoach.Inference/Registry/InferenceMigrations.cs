using SalesCoach.Storage.Migrations;

namespace SalesCoach.Inference.Registry;

/// <summary>
/// The model registry's tables. tenant_id '' is the global default; a tenant's own active version
/// overrides it. The ONNX bytes live in the database (model_files), not under Storage:DataDirectory:
/// every replica that shares PostgreSQL then sees the same files with no shared volume, registration
/// and its bytes commit or fail together, and backups of the store include the models. Metadata sits
/// in its own table so listing never reads the (large) bytes.
/// </summary>
public sealed class InferenceMigrations : IMigrationSource
{
    public string Module => "inference";

    public IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "model registry",
            Schema("BLOB"),
            Schema("BYTEA")),
    ];

    private static string Schema(string bytesType) =>
        $"""
        CREATE TABLE model_versions (
            tenant_id TEXT NOT NULL,
            name TEXT NOT NULL,
            version BIGINT NOT NULL,
            labels TEXT NOT NULL,
            languages TEXT NOT NULL,
            training_data_hash TEXT NOT NULL,
            metrics TEXT NOT NULL,
            manifest TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            size_bytes BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (tenant_id, name, version)
        );
        CREATE TABLE model_files (
            tenant_id TEXT NOT NULL,
            name TEXT NOT NULL,
            version BIGINT NOT NULL,
            content {bytesType} NOT NULL,
            PRIMARY KEY (tenant_id, name, version),
            FOREIGN KEY (tenant_id, name, version) REFERENCES model_versions (tenant_id, name, version) ON DELETE CASCADE
        );
        CREATE TABLE model_activations (
            tenant_id TEXT NOT NULL,
            name TEXT NOT NULL,
            seq BIGINT NOT NULL,
            version BIGINT NOT NULL,
            actor TEXT NOT NULL,
            activated_at BIGINT NOT NULL,
            rolled_back_at BIGINT NULL,
            PRIMARY KEY (tenant_id, name, seq),
            FOREIGN KEY (tenant_id, name, version) REFERENCES model_versions (tenant_id, name, version)
        );
        """;
}
