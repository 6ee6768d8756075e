using Dapper;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Encryption;

namespace SalesCoach.Crm.WriteBack;

/// <summary>
/// CRM tokens the write-back needs after the user's request is gone: a Salesforce user's token (user key = the
/// Salesforce user id) or a portal's HubSpot token (user key empty). Sealed with the tenant-bound
/// <see cref="FieldProtector"/>; never stored or logged in clear.
/// </summary>
public sealed class CrmTokenStore(SqlDatabase database, FieldProtector protector, TimeProvider time)
{
    public async Task SaveAsync(string tenantId, string crm, string? userKey, string token, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO crm_tokens (tenant_id, crm, user_key, sealed_token, expires_at, updated_at)
            VALUES (@tenantId, @crm, @userKey, @sealedToken, @expiresAt, @now)
            ON CONFLICT (tenant_id, crm, user_key) DO UPDATE SET
                sealed_token = excluded.sealed_token, expires_at = excluded.expires_at, updated_at = excluded.updated_at
            """,
            new
            {
                tenantId, crm, userKey = userKey ?? "", sealedToken = protector.Protect(token, tenantId),
                expiresAt = expiresAt?.ToUnixMs(), now = time.GetUtcNow().ToUnixMs(),
            },
            cancellationToken: cancellationToken));
    }

    /// <returns>The token in clear, or null when none is stored or it has expired.</returns>
    public async Task<string?> GetAsync(string tenantId, string crm, string? userKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(
            """
            SELECT sealed_token AS SealedToken, expires_at AS ExpiresAt FROM crm_tokens
            WHERE tenant_id = @tenantId AND crm = @crm AND user_key = @userKey
            """,
            new { tenantId, crm, userKey = userKey ?? "" }, cancellationToken: cancellationToken));
        if (row is null || (row.ExpiresAt is { } expires && expires <= time.GetUtcNow().ToUnixMs()))
        {
            return null;
        }

        var token = protector.Unprotect(row.SealedToken, tenantId);
        if (protector.NeedsRotation(row.SealedToken))
        {
            // Re-seal with the active key as tokens are used, so retired keys drain without a separate job.
            await SaveAsync(tenantId, crm, userKey, token, row.ExpiresAt is { } ms ? UnixTime.FromUnixMs(ms) : null, cancellationToken);
        }

        return token;
    }

    public async Task<bool> DeleteAsync(string tenantId, string crm, string? userKey, CancellationToken cancellationToken)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM crm_tokens WHERE tenant_id = @tenantId AND crm = @crm AND user_key = @userKey",
            new { tenantId, crm, userKey = userKey ?? "" }, cancellationToken: cancellationToken)) > 0;
    }

    private sealed record TokenRow(string SealedToken, long? ExpiresAt);
}
