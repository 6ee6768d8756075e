namespace SalesCoach.Crm.HubSpot;

/// <summary>A portal and the token the product uses for it (private app token or OAuth access token).</summary>
public sealed record HubSpotConnection(string PortalId, string AccessToken)
{
    public override string ToString() => $"HubSpotConnection {{ PortalId = {PortalId} }}";
}

/// <summary>A CRM object as read: its id, the requested properties, and associated ids per object type.</summary>
public sealed record HubSpotObject(
    string Id, IReadOnlyDictionary<string, string?> Properties, IReadOnlyDictionary<string, IReadOnlyList<string>> Associations);

/// <summary>One equality filter of a search (HubSpot ANDs the filters of a group).</summary>
public sealed record HubSpotFilter(string PropertyName, string Operator, string Value);

public sealed record HubSpotSearchPage(IReadOnlyList<HubSpotObject> Results, int Total, string? After);
