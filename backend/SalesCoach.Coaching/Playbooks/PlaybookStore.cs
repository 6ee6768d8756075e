using Dapper;
using SalesCoach.Storage.Database;

namespace SalesCoach.Coaching.Playbooks;

/// <summary>
/// A tenant's playbook (the default until it saves its own). Parsed playbooks and their
/// rules layer are cached per tenant because every segment needs them; a save replaces the entry.
/// </summary>
public sealed class PlaybookStore(SqlDatabase database, TimeProvider time)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ActivePlaybook> _cache = new(StringComparer.Ordinal);

    public async Task<ActivePlaybook> GetAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        if (_cache.TryGetValue(tenantId, out var cached))
        {
            return cached;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var body = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT body FROM coaching_playbooks WHERE tenant_id = @tenantId", new { tenantId }, cancellationToken: cancellationToken));
        var active = new ActivePlaybook(body is null ? DefaultPlaybook.Load() : Playbook.FromJson(body), body is not null);
        return _cache.GetOrAdd(tenantId, active);
    }

    public async Task<ActivePlaybook> SaveAsync(string tenantId, Playbook playbook, CancellationToken cancellationToken = default)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO coaching_playbooks (tenant_id, body, updated_at) VALUES (@tenantId, @body, @at)
            ON CONFLICT (tenant_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at
            """, new { tenantId, body = playbook.ToJson(), at = time.GetUtcNow().ToUnixMs() }, cancellationToken: cancellationToken));
        var active = new ActivePlaybook(playbook, true);
        _cache[tenantId] = active;
        return active;
    }
}

/// <summary>A playbook with its compiled rules layer; <see cref="IsCustom"/> is false for the default.</summary>
public sealed class ActivePlaybook(Playbook playbook, bool isCustom)
{
    public Playbook Playbook { get; } = playbook;

    public bool IsCustom { get; } = isCustom;

    public Signals.SignalRules Rules { get; } = new(playbook.Competitors);
}
