using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using SalesCoach.Inference.Runtime;
using SalesCoach.Storage.Database;

namespace SalesCoach.Inference.Registry;

/// <summary>
/// Versioned ONNX models per tenant and name. Tenant <see cref="GlobalTenant"/> ('') holds the
/// default every tenant uses unless it has activated a version of its own (its override).
/// Writes to one (tenant, name) are serialised (SQLite: the store's write gate, then an immediate transaction;
/// PostgreSQL: an advisory lock), so version and activation numbers never collide.
/// </summary>
public sealed partial class ModelRegistry(SqlDatabase database, TimeProvider time)
{
    public const string GlobalTenant = "";

    /// <summary>Below PostgreSQL's 1 GB bytea limit and SQLite's default 1e9-byte BLOB limit.</summary>
    public const long MaxModelBytes = 900_000_000;

    private const string VersionColumns =
        """
        v.tenant_id AS TenantId, v.name AS Name, v.version AS Version, v.labels AS Labels, v.languages AS Languages,
        v.training_data_hash AS TrainingDataHash, v.metrics AS Metrics, v.manifest AS Manifest, v.sha256 AS Sha256,
        v.size_bytes AS SizeBytes, v.created_at AS CreatedAt,
        (SELECT a.version FROM model_activations a WHERE a.tenant_id = v.tenant_id AND a.name = v.name AND a.rolled_back_at IS NULL
         ORDER BY a.seq DESC LIMIT 1) AS ActiveVersion
        """;

    /// <summary>Stores a new version (number = highest so far + 1) after checking that ONNX Runtime can load it. It is not activated.</summary>
    public async Task<ModelVersion> RegisterAsync(string tenantId, string name, ModelRegistration registration, CancellationToken cancellationToken = default)
    {
        CheckScope(tenantId, name);
        CheckRegistration(registration);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(registration.Onnx));
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await BeginAsync(connection, tenantId, name, cancellationToken);
        if (tenantId != GlobalTenant && await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM tenants WHERE id = @tenantId", new { tenantId }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            throw new ModelRegistryException($"Tenant '{tenantId}' does not exist.");
        }

        var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions WHERE tenant_id = @tenantId AND name = @name",
            new { tenantId, name }, transaction, cancellationToken: cancellationToken));
        await InsertVersionAsync(connection, transaction, tenantId, name, version, registration, sha256, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await GetAsync(tenantId, name, (int)version, cancellationToken))!;
    }

    /// <summary>The versions of <paramref name="tenantId"/> and the global defaults, optionally of one name, oldest first.</summary>
    public async Task<IReadOnlyList<ModelVersion>> ListAsync(string tenantId, string? name = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<VersionRow>(new CommandDefinition(
            $"""
            SELECT {VersionColumns} FROM model_versions v
            WHERE v.tenant_id IN (@tenantId, '') AND (@name IS NULL OR v.name = @name)
            ORDER BY v.tenant_id, v.name, v.version
            """,
            new { tenantId, name }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToVersion()).ToList();
    }

    public async Task<ModelVersion?> GetAsync(string tenantId, string name, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<VersionRow>(new CommandDefinition(
            $"SELECT {VersionColumns} FROM model_versions v WHERE v.tenant_id = @tenantId AND v.name = @name AND v.version = @version",
            new { tenantId, name, version = (long)version }, cancellationToken: cancellationToken));
        return row?.ToVersion();
    }

    /// <summary>The ONNX bytes of a version, checked against the SHA-256 recorded at registration.</summary>
    public async Task<byte[]> ReadModelAsync(ModelVersion version, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var content = await connection.ExecuteScalarAsync<byte[]>(new CommandDefinition(
            "SELECT content FROM model_files WHERE tenant_id = @TenantId AND name = @Name AND version = @version",
            new { version.TenantId, version.Name, version = (long)version.Version }, cancellationToken: cancellationToken))
            ?? throw new ModelRegistryException($"Model {Describe(version.TenantId, version.Name)} v{version.Version} has no stored file.");
        return Convert.ToHexStringLower(SHA256.HashData(content)) == version.Sha256
            ? content
            : throw new ModelRegistryException($"Model {Describe(version.TenantId, version.Name)} v{version.Version} does not match its recorded SHA-256.");
    }

    private async Task InsertVersionAsync(
        DbConnection connection, DbTransaction transaction, string tenantId, string name, long version, ModelRegistration registration,
        string sha256, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO model_versions (tenant_id, name, version, labels, languages, training_data_hash, metrics, manifest, sha256, size_bytes, created_at)
            VALUES (@tenantId, @name, @version, @labels, @languages, @hash, @metrics, @manifest, @sha256, @size, @at)
            """,
            new
            {
                tenantId, name, version,
                labels = JsonSerializer.Serialize(registration.Labels),
                languages = JsonSerializer.Serialize(registration.Languages),
                hash = registration.TrainingDataHash,
                metrics = registration.MetricsJson,
                manifest = registration.ManifestJson,
                sha256,
                size = (long)registration.Onnx.Length,
                at = time.GetUtcNow().ToUnixMs(),
            }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO model_files (tenant_id, name, version, content) VALUES (@tenantId, @name, @version, @content)",
            new { tenantId, name, version, content = registration.Onnx }, transaction, cancellationToken: cancellationToken));
    }

    internal static string Describe(string tenantId, string name) => tenantId.Length == 0 ? $"'{name}' (global)" : $"'{name}' of tenant '{tenantId}'";

    private async Task<DbTransaction> BeginAsync(DbConnection connection, string tenantId, string name, CancellationToken cancellationToken)
    {
        // SQLite (the caller holds the write gate): Microsoft.Data.Sqlite begins IMMEDIATE, i.e. takes the write lock now, which
        // also keeps out another process. PostgreSQL: one lock per model.
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (database.IsPostgres)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(hashtext(@key))", new { key = $"model-registry/{tenantId}/{name}" }, transaction, cancellationToken: cancellationToken));
        }

        return transaction;
    }

    private static void CheckScope(string tenantId, string name)
    {
        if (tenantId is null || tenantId.Length > 64 || tenantId.Any(char.IsControl))
        {
            throw new ModelRegistryException("The tenant id must be at most 64 printable characters ('' for the global default).");
        }

        if (!ModelName().IsMatch(name ?? ""))
        {
            throw new ModelRegistryException($"Model name '{name}' is invalid: use 1-64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
    }

    private static void CheckRegistration(ModelRegistration registration)
    {
        if (registration.Onnx.Length == 0 || registration.Onnx.LongLength > MaxModelBytes)
        {
            throw new ModelRegistryException($"The model file must be between 1 byte and {MaxModelBytes} bytes (got {registration.Onnx.LongLength}).");
        }

        if (registration.Labels.Count == 0 || registration.Labels.Any(string.IsNullOrWhiteSpace) || registration.Labels.Distinct().Count() != registration.Labels.Count)
        {
            throw new ModelRegistryException("A model needs at least one label, each non-empty and distinct.");
        }

        CheckJsonObject(registration.MetricsJson, "metrics");
        CheckJsonObject(registration.ManifestJson, "manifest");
        try
        {
            // Only a file ONNX Runtime can load is worth a version number.
            using var session = OnnxRuntime.Shared.CreateSession(registration.Onnx);
        }
        catch (OnnxRuntimeException error)
        {
            throw new ModelRegistryException($"The model file is not a loadable ONNX model: {error.Message}");
        }
    }

    private static void CheckJsonObject(string json, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ModelRegistryException($"The {what} must be a JSON object.");
            }
        }
        catch (JsonException error)
        {
            throw new ModelRegistryException($"The {what} is not valid JSON: {error.Message}");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex ModelName();

    private sealed record VersionRow(
        string TenantId, string Name, long Version, string Labels, string Languages, string TrainingDataHash,
        string Metrics, string Manifest, string Sha256, long SizeBytes, long CreatedAt, long? ActiveVersion)
    {
        public ModelVersion ToVersion() => new(
            TenantId, Name, (int)Version,
            JsonSerializer.Deserialize<string[]>(Labels) ?? [],
            JsonSerializer.Deserialize<string[]>(Languages) ?? [],
            TrainingDataHash, Metrics, Manifest, Sha256, SizeBytes, UnixTime.FromUnixMs(CreatedAt), ActiveVersion == Version);
    }
}
