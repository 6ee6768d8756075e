import React from "react";
import { createRoot, type Root } from "react-dom/client";
import { backendOrigin as configuredOrigin } from "../src/app/cards/config";
import { registeredExtension, setTransport, type HostFetchOptions } from "./ui-extensions-dom";

export interface HostContext {
  user: { id: number; email?: string; locale?: string };
  portal: { id: number };
  crm: { objectId: number | string; objectTypeId: string };
}

export interface HostOptions {
  /** The backend's sandbox endpoint that signs requests the way HubSpot's proxy does. */
  proxyUrl: string;
  /** Origin of the /hubspot/ routes; replaces the card's configured origin, as a HubSpot app config would. */
  backendOrigin: string;
  context: HostContext;
  autoStart?: boolean;
  fetch?: typeof fetch;
}

export interface HostedCard {
  update(changes: Partial<Pick<HostOptions, "context">>): void;
  unmount(): void;
}

/**
 * Renders the card registered by SalesCoachCard.tsx (hubspot.extend) with React DOM.
 * hubspot.fetch becomes POST <proxyUrl> {method, url, body}: the host adds userId,
 * userEmail and portalId as HubSpot's proxy does; the proxy signs and forwards.
 */
export function mountCard(root: HTMLElement, options: HostOptions): HostedCard {
  let current = options;
  const fetchFn = options.fetch ?? window.fetch.bind(window);
  const win = root.ownerDocument.defaultView ?? window;

  setTransport(async (url: string, init?: HostFetchOptions) => {
    const target = new URL(url.replace(configuredOrigin, current.backendOrigin));
    target.searchParams.set("userId", String(current.context.user.id));
    if (current.context.user.email) target.searchParams.set("userEmail", current.context.user.email);
    target.searchParams.set("portalId", String(current.context.portal.id));
    const method = init?.method ?? "GET";
    const body = init?.body === undefined ? null : JSON.stringify(init.body);
    const response = await fetchFn(current.proxyUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ method, url: target.href, body }),
    });
    if (response.ok && method === "POST" && /\/hubspot\/api\/v1\/interactions$/.test(target.pathname)) {
      const created = (await response.clone().json().catch(() => undefined)) as { id?: string } | undefined;
      if (created?.id) {
        const ctx = current.context;
        win.dispatchEvent(new CustomEvent("salescoach:interaction", {
          detail: { crm: "hubspot", interactionId: created.id, recordType: ctx.crm.objectTypeId, recordId: String(ctx.crm.objectId) },
        }));
      }
    }
    return response;
  });

  root.classList.add("salescoach-hubspot");
  const reactRoot: Root = createRoot(root);
  const render = (): void => {
    const extension = registeredExtension();
    if (!extension) throw new Error("The SalesCoach card did not register itself with hubspot.extend");
    const context = { ...current.context, location: "crm.record.tab", variables: { SALESCOACH_AUTO_START: current.autoStart === true } };
    const actions = {
      copyTextToClipboard: (text: string) => navigator.clipboard?.writeText(text) ?? Promise.resolve(),
      addAlert: () => undefined,
    };
    // The record (and with it the interaction) is the key: a new record gets a fresh card.
    reactRoot.render(<React.Fragment key={`${current.context.crm.objectTypeId}/${current.context.crm.objectId}`}>{extension({ context, actions })}</React.Fragment>);
  };
  render();
  return {
    update(changes) {
      current = { ...current, ...changes };
      render();
    },
    unmount() {
      reactRoot.unmount();
    },
  };
}
