using System.Text.Json;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Surfaces.Sandbox;

/// <summary>
/// The sandbox page: three CRM record pages side by side, each hosting its adapter the way the CRM
/// does (a canvas iframe fed a signed request, a PCF context in the page, the HubSpot card host behind
/// a signing proxy), with a language picker and a replayed sales call. Script lives in sandbox.js.
/// </summary>
public static class SandboxPage
{
    public static string Render(SandboxOptions demo)
    {
        var config = JsonSerializer.Serialize(new
        {
            tenantId = TenantStore.DemoTenantId,
            salesforce = new { orgId = demo.SalesforceOrgId, recordId = DemoRecords.SalesforceOpportunityId },
            dynamics = new { tenantId = demo.DynamicsTenantId, recordId = DemoRecords.DynamicsOpportunityId, entityName = "opportunity" },
            hubspot = new { portalId = demo.HubSpotPortalId, dealId = DemoRecords.HubSpotDealId, userId = DemoRecords.HubSpotUserId },
            recordName = DemoRecords.RecordName,
            conversation = "/sandbox/demo-call.jsonl",
        });
        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>SalesCoach sandbox</title>
              <link rel="stylesheet" href="/sandbox/sandbox.css">
              <link rel="stylesheet" href="/adapters/dynamics/SalesCoachPanel.css">
              <link rel="stylesheet" href="/adapters/hubspot/card.css">
            </head>
            <body>
              <header class="bar">
                <h1>SalesCoach sandbox</h1>
                <span class="record">Demo record: <strong>{{System.Net.WebUtility.HtmlEncode(DemoRecords.RecordName)}}</strong></span>
                <label>Language
                  <select id="language">
                    <option value="en">English</option>
                    <option value="es">Español</option>
                    <option value="fr">Français</option>
                    <option value="de">Deutsch</option>
                    <option value="zh">中文</option>
                  </select>
                </label>
                <button id="replay" type="button">Replay conversation</button>
                <span id="replay-status" role="status">Waiting for the adapters to open their interactions...</span>
              </header>
              <main class="crms">
                <section class="crm" id="salesforce" aria-label="Salesforce">
                  <div class="chrome salesforce"><span class="brand">Salesforce</span> Opportunity &middot; Lightning record page</div>
                  <form id="salesforce-form" method="post" action="/salesforce/canvas" target="salesforce-canvas">
                    <input type="hidden" name="signed_request" id="salesforce-signed-request">
                  </form>
                  <iframe name="salesforce-canvas" id="salesforce-canvas" title="SalesCoach canvas app"></iframe>
                </section>
                <section class="crm" id="dynamics" aria-label="Dynamics 365">
                  <div class="chrome dynamics"><span class="brand">Dynamics 365</span> Opportunity &middot; main form</div>
                  <div id="dynamics-control" class="pcf-host"></div>
                </section>
                <section class="crm" id="hubspot" aria-label="HubSpot">
                  <div class="chrome hubspot"><span class="brand">HubSpot</span> Deal &middot; record tab</div>
                  <div id="hubspot-card" class="card-host"></div>
                </section>
              </main>
              <script type="application/json" id="sandbox-config">{{config}}</script>
              <script src="/adapters/dynamics/bundle.js"></script>
              <script src="/adapters/dynamics/loader.js"></script>
              <script src="/adapters/hubspot/card.js"></script>
              <script src="/sandbox/sandbox.js"></script>
            </body>
            </html>
            """;
    }
}
