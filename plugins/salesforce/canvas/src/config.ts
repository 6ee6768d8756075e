import type { RecordRef } from "@salescoach/shared";

/** The part of the Salesforce signed request the backend passes into the page. */
export interface SignedRequestContext {
  userId?: string;
  client?: CanvasClient;
  context?: {
    user?: { userId?: string; fullName?: string; language?: string; locale?: string };
    organization?: { organizationId?: string; name?: string };
    environment?: {
      displayLocation?: string;
      parameters?: { recordId?: string | null; interactionId?: string | null; autoStart?: boolean | null } & Record<string, unknown>;
      record?: { Id?: string; attributes?: { type?: string } };
    };
  };
}

/** The canvas SDK's client object: instanceId and targetOrigin route messages to the parent frame. */
export interface CanvasClient {
  instanceId?: string;
  targetOrigin?: string;
  oauthToken?: string;
}

export interface CanvasPageConfig {
  apiBase?: string;
  sessionToken: string;
  sessionExpiresAt?: number;
  interactionId?: string | null;
  signedRequest: SignedRequestContext;
}

export const configElementId = "salescoach-canvas-config";

/** Reads the JSON config the backend embedded in the page; undefined when absent or malformed. */
export function readConfig(doc: Document): CanvasPageConfig | undefined {
  const node = doc.getElementById(configElementId);
  if (!node?.textContent) return undefined;
  try {
    const value = JSON.parse(node.textContent) as CanvasPageConfig;
    return typeof value?.sessionToken === "string" && value.signedRequest ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Salesforce id key prefixes of the objects the panel is usually placed on. */
const keyPrefixes: Record<string, string> = { "006": "Opportunity", "001": "Account", "003": "Contact", "00Q": "Lead", "500": "Case" };

export function recordFrom(request: SignedRequestContext): RecordRef {
  const env = request.context?.environment;
  const id = env?.parameters?.recordId || env?.record?.Id || "";
  const type = env?.record?.attributes?.type || keyPrefixes[id.slice(0, 3)] || "Record";
  return { type, id };
}

export function interactionFrom(config: CanvasPageConfig): string | undefined {
  const fromParameters = config.signedRequest.context?.environment?.parameters?.interactionId;
  return config.interactionId || fromParameters || undefined;
}
