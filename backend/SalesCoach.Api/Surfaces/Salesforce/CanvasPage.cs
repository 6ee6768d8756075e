using System.Text.Json;
using System.Text.Json.Nodes;

namespace SalesCoach.Api.Surfaces.Salesforce;

/// <summary>
/// The canvas page of plugins/README.md: the bundle's HTML shell with its config as HTML-safe JSON
/// in a non-executable script element. The signed request is projected to what the page and the
/// canvas SDK use: never the refresh token, never the signature.
/// </summary>
public static class CanvasPage
{
    public static string Render(JsonElement envelope, SessionToken session)
    {
        var config = new JsonObject
        {
            ["apiBase"] = "",
            ["sessionToken"] = session.Token,
            ["sessionExpiresAt"] = session.ExpiresAt.ToUnixTimeMilliseconds(),
            ["interactionId"] = null,
            ["signedRequest"] = Project(envelope),
        };

        // The default encoder escapes <, >, & and quotes, so the JSON cannot close the script element.
        var json = config.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default });
        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>SalesCoach</title>
              <link rel="stylesheet" href="/adapters/salesforce/canvas.css">
            </head>
            <body>
              <main id="salescoach-root"></main>
              <script type="application/json" id="salescoach-canvas-config">{{json}}</script>
              <script src="/adapters/salesforce/canvas-sdk.js"></script>
              <script src="/adapters/salesforce/canvas.js"></script>
            </body>
            </html>
            """;
    }

    private static JsonObject Project(JsonElement envelope)
    {
        var client = Child(envelope, "client");
        var context = Child(envelope, "context");
        var user = Child(context, "user");
        var organization = Child(context, "organization");
        var environment = Child(context, "environment");
        var record = Child(environment, "record");
        return new JsonObject
        {
            ["userId"] = Copy(envelope, "userId"),
            ["client"] = new JsonObject
            {
                ["instanceId"] = Copy(client, "instanceId"),
                ["instanceUrl"] = Copy(client, "instanceUrl"),
                ["targetOrigin"] = Copy(client, "targetOrigin"),
                // The SDK posts it to the Salesforce parent at targetOrigin for publish/subscribe; nothing else reads it.
                ["oauthToken"] = Copy(client, "oauthToken"),
            },
            ["context"] = new JsonObject
            {
                ["user"] = Pick(user, "userId", "userName", "fullName", "email", "language", "locale", "timeZone"),
                ["organization"] = Pick(organization, "organizationId", "name"),
                ["environment"] = new JsonObject
                {
                    ["displayLocation"] = Copy(environment, "displayLocation"),
                    ["parameters"] = environment.ValueKind == JsonValueKind.Object && environment.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object
                        ? JsonNode.Parse(p.GetRawText())
                        : new JsonObject(),
                    ["record"] = record.ValueKind == JsonValueKind.Object
                        ? new JsonObject { ["Id"] = Copy(record, "Id"), ["attributes"] = Pick(Child(record, "attributes"), "type") }
                        : null,
                },
            },
        };
    }

    private static JsonElement Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static JsonNode? Copy(JsonElement element, string name) =>
        Child(element, name) is { ValueKind: JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } value
            ? JsonNode.Parse(value.GetRawText())
            : null;

    private static JsonObject Pick(JsonElement element, params string[] names)
    {
        var picked = new JsonObject();
        foreach (var name in names)
        {
            picked[name] = Copy(element, name);
        }

        return picked;
    }
}
