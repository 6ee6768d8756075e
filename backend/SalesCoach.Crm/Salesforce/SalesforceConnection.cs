namespace SalesCoach.Crm.Salesforce;

/// <summary>Where and as whom to call: the org's instance URL and the user's OAuth token from the canvas signed request.</summary>
public sealed record SalesforceConnection(Uri InstanceUrl, string AccessToken)
{
    public override string ToString() => $"SalesforceConnection {{ InstanceUrl = {InstanceUrl} }}";
}
