using System.Collections.Concurrent;
using Dapper;
using SalesCoach.Storage.Database;

namespace SalesCoach.Storage.Privacy;

/// <summary>
/// Privacy settings per tenant. Every segment append asks whether consent is required, so reads are cached for
/// <see cref="CacheLifetime"/>: a save is seen at once on the replica that made it, and on the others within that time.
/// </summary>
public sealed class PrivacySettingsStore(SqlDatabase database, TimeProvider time)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (PrivacySettings Settings, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    /// <summary>The tenant's settings, from the cache when fresh.</summary>
    public async ValueTask<PrivacySettings> GetCachedAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        if (_cache.TryGetValue(tenantId, out var entry) && entry.Expires > time.GetUtcNow())
        {
            return entry.Settings;
        }

        return Remember(tenantId, await GetAsync(tenantId, cancellationToken));
    }

    public async Task<PrivacySettings> GetAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SettingsRow>(new CommandDefinition(
            """
            SELECT consent_required AS ConsentRequired, retention_days AS RetentionDays, updated_at AS UpdatedAt
            FROM privacy_settings WHERE tenant_id = @tenantId
            """, new { tenantId }, cancellationToken: cancellationToken));
        return row?.ToSettings() ?? PrivacySettings.Default;
    }

    public async Task<PrivacySettings> SaveAsync(string tenantId, bool consentRequired, int? retentionDays, CancellationToken cancellationToken = default)
    {
        var saved = new PrivacySettings(consentRequired, retentionDays, time.GetUtcNow());
        using (await database.EnterWriteAsync(cancellationToken))
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO privacy_settings (tenant_id, consent_required, retention_days, updated_at)
                VALUES (@tenantId, @consent, @retentionDays, @at)
                ON CONFLICT (tenant_id) DO UPDATE SET
                    consent_required = excluded.consent_required, retention_days = excluded.retention_days, updated_at = excluded.updated_at
                """,
                new { tenantId, consent = consentRequired ? 1L : 0L, retentionDays = (long?)retentionDays, at = saved.UpdatedAt!.Value.ToUnixMs() },
                cancellationToken: cancellationToken));
        }

        return Remember(tenantId, saved);
    }

    /// <summary>
    /// Every tenant whose retention is on, with its period (a tenant that never saved settings has the default). For the
    /// retention service only: like recovering write-back jobs, purging is the host's job, not a tenant's request.
    /// </summary>
    public async Task<IReadOnlyList<(string TenantId, int RetentionDays)>> ListRetentionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // No settings row: the default period. A row with no period: retention is off.
        var rows = await connection.QueryAsync<(string TenantId, long Days)>(new CommandDefinition(
            """
            SELECT t.id, COALESCE(p.retention_days, @defaultDays) FROM tenants t
            LEFT JOIN privacy_settings p ON p.tenant_id = t.id
            WHERE p.tenant_id IS NULL OR p.retention_days IS NOT NULL
            ORDER BY t.id
            """, new { defaultDays = (long)PrivacySettings.DefaultRetentionDays }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => (r.TenantId, (int)r.Days))];
    }

    private PrivacySettings Remember(string tenantId, PrivacySettings settings)
    {
        if (_cache.Count >= MaxEntries)
        {
            _cache.Clear();
        }

        _cache[tenantId] = (settings, time.GetUtcNow() + CacheLifetime);
        return settings;
    }

    private sealed record SettingsRow(long ConsentRequired, long? RetentionDays, long UpdatedAt)
    {
        public PrivacySettings ToSettings() => new(ConsentRequired != 0, (int?)RetentionDays, UnixTime.FromUnixMs(UpdatedAt));
    }
}
