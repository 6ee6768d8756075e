using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SalesCoach.Crm.HubSpot;

namespace SalesCoach.Api.Surfaces.Sandbox;

/// <summary>
/// What the sandbox does in place of each CRM: Salesforce's signed request for the demo org and user,
/// and HubSpot's v3 signature on proxied card calls. Same formats as the real peers (the conformance
/// tests hold both to the npm packages), so the adapters' real verification code runs unchanged.
/// </summary>
public static class SandboxSigning
{
    public static string SignedRequest(string consumerSecret, SandboxOptions demo, string language, string targetOrigin, string? interactionId, long issuedAtSeconds)
    {
        var envelope = new
        {
            algorithm = "HMACSHA256",
            issuedAt = issuedAtSeconds,
            userId = DemoRecords.SalesforceUserId,
            client = new
            {
                // Not a Salesforce token: the canvas SDK only hands it to the (emulated) parent frame.
                oauthToken = "sandbox-no-salesforce-access",
                instanceId = "_:SalesCoach:",
                instanceUrl = "https://salescoach-demo.my.salesforce.com",
                targetOrigin,
            },
            context = new
            {
                user = new
                {
                    userId = DemoRecords.SalesforceUserId,
                    userName = "dana.rep@salescoach-demo.example",
                    fullName = "Dana Rep",
                    email = "dana.rep@salescoach-demo.example",
                    language,
                    locale = language,
                    timeZone = "Europe/Berlin",
                },
                organization = new { organizationId = demo.SalesforceOrgId, name = "SalesCoach Demo Org" },
                application = new { developerName = "SalesCoach", canvasUrl = "/salesforce/canvas", authType = "SIGNED_REQUEST" },
                environment = new
                {
                    displayLocation = "Aura",
                    uiTheme = "Theme4d",
                    parameters = new { recordId = DemoRecords.SalesforceOpportunityId, interactionId, autoStart = true },
                    record = new
                    {
                        attributes = new { type = "Opportunity", url = $"/services/data/v62.0/sobjects/Opportunity/{DemoRecords.SalesforceOpportunityId}" },
                        Id = DemoRecords.SalesforceOpportunityId,
                        Name = DemoRecords.RecordName,
                    },
                },
            },
        };
        var encoded = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(envelope));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(consumerSecret), Encoding.UTF8.GetBytes(encoded));
        return Convert.ToBase64String(signature) + "." + encoded;
    }

    public static (string Signature, string Timestamp) HubSpot(string clientSecret, string method, string url, byte[] body, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (HubSpotSignature.Compute(clientSecret, method, url, body, timestamp), timestamp);
    }
}
