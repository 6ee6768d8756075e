using Microsoft.Extensions.Logging;
using SalesCoach.Crm.Salesforce;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Crm.WriteBack;

/// <summary>
/// The default connection source: the tenant's CRM connection (org, instance URL) from Storage plus the sealed
/// token from <see cref="CrmTokenStore"/>: the Salesforce user's own token, a HubSpot portal token, none for
/// Dataverse (the app signs in itself). A Salesforce user's session that has expired, or that the org refused, is
/// renewed with the stored refresh token when the connected app's consumer key and secret are configured.
/// </summary>
public sealed class StoredCrmConnectionSource(
    CrmConnectionStore connections, CrmTokenStore tokens, SalesforceOAuthClient salesforce, ILogger<StoredCrmConnectionSource> logger)
    : ICrmConnectionSource
{
    // One renewal per user at a time in this process: parallel write-backs of one rep share the first one's new token.
    private static readonly SemaphoreSlim[] RenewGates = [.. Enumerable.Range(0, 32).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<CrmTarget?> GetAsync(string tenantId, string crm, string? crmUserId, CancellationToken cancellationToken)
    {
        var connection = (await connections.ListAsync(tenantId, cancellationToken)).FirstOrDefault(c => c.Crm == crm);
        if (connection is null)
        {
            return null;
        }

        var instanceUrl = Uri.TryCreate(connection.InstanceUrl, UriKind.Absolute, out var url) ? url : null;
        var target = new CrmTarget(crm, connection.OrgId, instanceUrl, null);
        switch (crm)
        {
            case CrmKinds.Salesforce when crmUserId is not null:
                var entry = await tokens.GetEntryAsync(tenantId, crm, crmUserId, cancellationToken);
                if (entry is { AccessToken: null, RefreshToken: not null } && CanRenew(target))
                {
                    return await RenewAsync(tenantId, crmUserId, target, null, cancellationToken) ?? target;
                }

                return target with { AccessToken = entry?.AccessToken };
            case CrmKinds.HubSpot:
                return target with { AccessToken = await tokens.GetAsync(tenantId, crm, null, cancellationToken) };
            default:
                return target;
        }
    }

    public async Task<CrmTarget?> RefreshAsync(string tenantId, string crm, string? crmUserId, CrmTarget rejected, CancellationToken cancellationToken) =>
        crm == CrmKinds.Salesforce && crmUserId is not null && CanRenew(rejected)
            ? await RenewAsync(tenantId, crmUserId, rejected with { AccessToken = null }, rejected.AccessToken, cancellationToken)
            : null;

    private bool CanRenew(CrmTarget target) => target.InstanceUrl is not null && salesforce.IsConfigured;

    /// <returns>The target with a usable token, or null when there is none to be had without the rep.</returns>
    private async Task<CrmTarget?> RenewAsync(string tenantId, string userId, CrmTarget target, string? rejectedToken, CancellationToken cancellationToken)
    {
        var gate = RenewGates[(uint)StringComparer.Ordinal.GetHashCode($"{tenantId}/{userId}") % RenewGates.Length];
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Read again under the gate: another write-back (or the rep, through the canvas) may have renewed it meanwhile.
            var entry = await tokens.GetEntryAsync(tenantId, CrmKinds.Salesforce, userId, cancellationToken);
            if (entry?.AccessToken is { } current && current != rejectedToken)
            {
                return target with { AccessToken = current };
            }

            if (entry?.RefreshToken is not { } refreshToken)
            {
                return null;
            }

            SalesforceSession session;
            try
            {
                session = await salesforce.RefreshAsync(target.InstanceUrl!, target.OrgId, userId, refreshToken, cancellationToken);
            }
            catch (CrmException e) when (e.ErrorCode == "invalid_grant")
            {
                if (await tokens.DeleteRefusedAsync(tenantId, CrmKinds.Salesforce, userId, entry, cancellationToken))
                {
                    logger.LogWarning("Salesforce refused the refresh token of user {UserId} (tenant {TenantId}): {Reason}. Its tokens are "
                        + "forgotten; the rep opens SalesCoach in Salesforce again to sign in.", userId, tenantId, e.ErrorCode);
                    throw;
                }

                // The stored tokens changed while this refresh token was being refused: use what is there now.
                var replaced = await tokens.GetEntryAsync(tenantId, CrmKinds.Salesforce, userId, cancellationToken);
                if (replaced?.AccessToken is { } fresh && fresh != rejectedToken)
                {
                    return target with { AccessToken = fresh };
                }

                throw;
            }

            await tokens.SaveAsync(tenantId, CrmKinds.Salesforce, userId, session.AccessToken, null, session.RotatedRefreshToken, cancellationToken);
            logger.LogInformation("Renewed the Salesforce session of user {UserId} (tenant {TenantId}) with its refresh token.", userId, tenantId);
            return target with { AccessToken = session.AccessToken };
        }
        finally
        {
            gate.Release();
        }
    }
}
