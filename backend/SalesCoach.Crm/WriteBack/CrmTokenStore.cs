using Dapper;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Encryption;

namespace SalesCoach.Crm.WriteBack;

/// <summary>
/// What is stored for one user or portal: the access token (null once it has expired) and, for Salesforce, the
/// refresh token that renews it. <see cref="RefreshVersion"/> identifies the stored refresh token (its sealed form,
/// which is different at every save), so a refresh token refused by the CRM is removed only if nobody replaced it meanwhile.
/// </summary>
public sealed record CrmTokenEntry(string? AccessToken, string? RefreshToken)
{
    internal string? RefreshVersion { get; init; }

    public override string ToString() =>
        $"CrmTokenEntry {{ HasAccessToken = {AccessToken is not null}, HasRefreshToken = {RefreshToken is not null} }}";
}

/// <summary>
/// CRM tokens the write-back needs after the user's request is gone: a Salesforce user's access and refresh tokens (user
/// key = the Salesforce user id) or a portal's HubSpot token (user key empty). Sealed with the tenant-bound
/// <see cref="FieldProtector"/>; never stored or logged in clear.
/// </summary>
public sealed class CrmTokenStore(SqlDatabase database, FieldProtector protector, TimeProvider time)
{
    /// <summary>Saves the access token; a refresh token saved earlier is kept.</summary>
    public Task SaveAsync(string tenantId, string crm, string? userKey, string token, DateTimeOffset? expiresAt, CancellationToken cancellationToken) =>
        SaveAsync(tenantId, crm, userKey, token, expiresAt, null, cancellationToken);

    /// <param name="refreshToken">A new refresh token to keep; null keeps the one already stored (Salesforce sends none unless it rotates them).</param>
    public async Task SaveAsync(
        string tenantId, string crm, string? userKey, string token, DateTimeOffset? expiresAt, string? refreshToken, CancellationToken cancellationToken)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO crm_tokens (tenant_id, crm, user_key, sealed_token, expires_at, updated_at, sealed_refresh_token)
            VALUES (@tenantId, @crm, @userKey, @sealedToken, @expiresAt, @now, @sealedRefresh)
            ON CONFLICT (tenant_id, crm, user_key) DO UPDATE SET
                sealed_token = excluded.sealed_token, expires_at = excluded.expires_at, updated_at = excluded.updated_at,
                sealed_refresh_token = COALESCE(excluded.sealed_refresh_token, crm_tokens.sealed_refresh_token)
            """,
            new
            {
                tenantId, crm, userKey = userKey ?? "", sealedToken = protector.Protect(token, tenantId),
                expiresAt = expiresAt?.ToUnixMs(), now = time.GetUtcNow().ToUnixMs(),
                sealedRefresh = refreshToken is null ? null : protector.Protect(refreshToken, tenantId),
            },
            cancellationToken: cancellationToken));
    }

    /// <returns>The access token in clear, or null when none is stored or it has expired.</returns>
    public async Task<string?> GetAsync(string tenantId, string crm, string? userKey, CancellationToken cancellationToken) =>
        (await GetEntryAsync(tenantId, crm, userKey, cancellationToken))?.AccessToken;

    /// <returns>The stored tokens in clear (the access token null once expired), or null when nothing is stored.</returns>
    public async Task<CrmTokenEntry?> GetEntryAsync(string tenantId, string crm, string? userKey, CancellationToken cancellationToken)
    {
        TokenRow? row;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            row = await connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(
                """
                SELECT sealed_token AS SealedToken, expires_at AS ExpiresAt, sealed_refresh_token AS SealedRefreshToken FROM crm_tokens
                WHERE tenant_id = @tenantId AND crm = @crm AND user_key = @userKey
                """,
                new { tenantId, crm, userKey = userKey ?? "" }, cancellationToken: cancellationToken));
        }

        if (row is null)
        {
            return null;
        }

        var token = protector.Unprotect(row.SealedToken, tenantId);
        var refreshToken = row.SealedRefreshToken is null ? null : protector.Unprotect(row.SealedRefreshToken, tenantId);
        var sealedRefresh = row.SealedRefreshToken;
        if (protector.NeedsRotation(row.SealedToken) || (sealedRefresh is not null && protector.NeedsRotation(sealedRefresh)))
        {
            // Re-seal with the active key as tokens are used, so retired keys drain without a separate job.
            sealedRefresh = await ResealAsync(tenantId, crm, userKey, row, token, refreshToken, cancellationToken);
        }

        var expired = row.ExpiresAt is { } expires && expires <= time.GetUtcNow().ToUnixMs();
        return new CrmTokenEntry(expired ? null : token, refreshToken) { RefreshVersion = sealedRefresh };
    }

    public async Task<bool> DeleteAsync(string tenantId, string crm, string? userKey, CancellationToken cancellationToken)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM crm_tokens WHERE tenant_id = @tenantId AND crm = @crm AND user_key = @userKey",
            new { tenantId, crm, userKey = userKey ?? "" }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>
    /// Forgets a user's tokens because the CRM refused the refresh token of <paramref name="entry"/>; false (nothing
    /// deleted) when the stored refresh token has changed since that entry was read (the user signed in again, or
    /// another replica rotated it), so fresh tokens are never thrown away for a stale one.
    /// </summary>
    public async Task<bool> DeleteRefusedAsync(string tenantId, string crm, string? userKey, CrmTokenEntry entry, CancellationToken cancellationToken)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM crm_tokens
            WHERE tenant_id = @tenantId AND crm = @crm AND user_key = @userKey AND sealed_refresh_token = @version
            """,
            new { tenantId, crm, userKey = userKey ?? "", version = entry.RefreshVersion }, cancellationToken: cancellationToken)) > 0;
    }

    // Compare-and-set: a token saved meanwhile (a new canvas request) is never overwritten by the older one being re-sealed.
    private async Task<string?> ResealAsync(
        string tenantId, string crm, string? userKey, TokenRow row, string token, string? refreshToken, CancellationToken cancellationToken)
    {
        var sealedToken = protector.Protect(token, tenantId);
        var sealedRefresh = refreshToken is null ? null : protector.Protect(refreshToken, tenantId);
        using var gate = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE crm_tokens SET sealed_token = @sealedToken, sealed_refresh_token = @sealedRefresh
            WHERE tenant_id = @tenantId AND crm = @crm AND user_key = @userKey AND sealed_token = @oldToken
                AND COALESCE(sealed_refresh_token, '') = COALESCE(@oldRefresh, '')
            """,
            new { tenantId, crm, userKey = userKey ?? "", sealedToken, sealedRefresh, oldToken = row.SealedToken, oldRefresh = row.SealedRefreshToken },
            cancellationToken: cancellationToken));
        return updated > 0 ? sealedRefresh : row.SealedRefreshToken;
    }

    private sealed record TokenRow(string SealedToken, long? ExpiresAt, string? SealedRefreshToken);
}
