import React from "react";
import { hubspot } from "@hubspot/ui-extensions";
import { CoachCard } from "./components/CoachCard";
import { backendOrigin, pollIntervalMs } from "./config";

// HubSpot renders this entry point on the record tab; hubspot.fetch sends each call through
// HubSpot's proxy, which signs it (X-HubSpot-Signature-v3) and adds userId/portalId.
hubspot.extend<"crm.record.tab">(({ context, actions }) => (
  <CoachCard
    context={context}
    actions={actions}
    fetcher={(url, options) => hubspot.fetch(url, options)}
    backendOrigin={backendOrigin}
    pollIntervalMs={pollIntervalMs}
    autoStart={autoStartOf(context.variables)}
  />
));

/** An account can opt into starting a session when the record opens (profile variable SALESCOACH_AUTO_START). */
function autoStartOf(variables: Record<string, unknown> | undefined): boolean {
  const value = variables?.SALESCOACH_AUTO_START;
  return value === true || value === "true";
}
