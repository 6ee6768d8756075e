namespace SalesCoach.Storage.Tenants;

public sealed record Tenant(string Id, string Name, DateTimeOffset CreatedAt);

/// <summary>What an API key proves: which tenant, and with which role.</summary>
public sealed record ApiKeyIdentity(string KeyId, string TenantId, string Role);

/// <summary>A CRM org (Salesforce org id, Entra tenant + Dataverse org, HubSpot portal id) connected to exactly one tenant.</summary>
public sealed record CrmConnection(string TenantId, string Crm, string OrgId, string? DisplayName, string? InstanceUrl, DateTimeOffset CreatedAt);

public static class Roles
{
    public const string Operator = "operator";
    public const string Admin = "admin";
    public const string Manager = "manager";
    public const string Rep = "rep";
}

public static class CrmKinds
{
    public const string Salesforce = "salesforce";
    public const string Dynamics = "dynamics";
    public const string HubSpot = "hubspot";

    public static readonly IReadOnlySet<string> All = new HashSet<string>([Salesforce, Dynamics, HubSpot], StringComparer.Ordinal);
}
