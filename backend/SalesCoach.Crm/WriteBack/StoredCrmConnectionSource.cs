using SalesCoach.Storage.Tenants;

namespace SalesCoach.Crm.WriteBack;

/// <summary>
/// The default connection source: the tenant's CRM connection (org, instance URL) from Storage plus the sealed
/// token from <see cref="CrmTokenStore"/>: the Salesforce user's own token, a HubSpot portal token, none for
/// Dataverse (the app signs in itself).
/// </summary>
public sealed class StoredCrmConnectionSource(CrmConnectionStore connections, CrmTokenStore tokens) : ICrmConnectionSource
{
    public async Task<CrmTarget?> GetAsync(string tenantId, string crm, string? crmUserId, CancellationToken cancellationToken)
    {
        var connection = (await connections.ListAsync(tenantId, cancellationToken)).FirstOrDefault(c => c.Crm == crm);
        if (connection is null)
        {
            return null;
        }

        var instanceUrl = Uri.TryCreate(connection.InstanceUrl, UriKind.Absolute, out var url) ? url : null;
        var token = crm switch
        {
            CrmKinds.Salesforce => crmUserId is null ? null : await tokens.GetAsync(tenantId, crm, crmUserId, cancellationToken),
            CrmKinds.HubSpot => await tokens.GetAsync(tenantId, crm, null, cancellationToken),
            _ => null,
        };
        return new CrmTarget(crm, connection.OrgId, instanceUrl, token);
    }
}
