namespace SalesCoach.Crm.Dataverse;

/// <summary>A customer's Dataverse environment and the Entra tenant that owns it (tokens are issued by that tenant).</summary>
public sealed record DataverseConnection(Uri EnvironmentUrl, string EntraTenantId);
