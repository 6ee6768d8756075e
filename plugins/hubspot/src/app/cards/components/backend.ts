/** The card's calls to the SalesCoach backend, all under /hubspot/ (signed by HubSpot's proxy). */
export interface FetchOptions {
  method?: "GET" | "POST" | "PUT";
  body?: Record<string, unknown>;
  timeout?: number;
}

export interface FetchResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}

/** hubspot.fetch, or a stand-in in tests and in the sandbox host. */
export type Fetcher = (url: string, options?: FetchOptions) => Promise<FetchResponse>;

export interface Tip {
  id: string;
  kind: string;
  title: string;
  message: string;
  severity: "info" | "suggest" | "warn";
}

export interface ContentItem {
  contentId: string;
  title: string;
  type: string;
  url?: string | null;
  reasons?: string[];
}

export interface CompleteResult {
  summary?: string;
  nextSteps?: unknown[];
  signals?: unknown[];
  metrics?: Record<string, unknown>;
}

export interface PolledEvent {
  id: string;
  type: string;
  data: unknown;
}

/** An interaction as the backend answers it: the card reads its id and the customer's consent. */
export interface InteractionInfo {
  id: string;
  consent?: boolean | null;
  consentRequired?: boolean;
}

export class BackendError extends Error {
  constructor(
    readonly status: number,
    detail: string,
    /** The problem's `type`, which tells the consent conflicts apart. */
    readonly problemType?: string,
  ) {
    super(detail);
  }
}

export class CoachBackend {
  constructor(
    private readonly fetcher: Fetcher,
    private readonly origin: string,
  ) {}

  private async call<T>(path: string, options: FetchOptions): Promise<T> {
    let response: FetchResponse;
    try {
      response = await this.fetcher(`${this.origin.replace(/\/+$/, "")}/hubspot/api/v1${path}`, { timeout: 10000, ...options });
    } catch {
      throw new BackendError(0, "");
    }
    const body = await response.json().catch(() => undefined);
    if (!response.ok) {
      const problem = (body ?? {}) as { detail?: string; title?: string; type?: string };
      throw new BackendError(response.status, problem.detail ?? problem.title ?? `HTTP ${response.status}`, problem.type);
    }
    return body as T;
  }

  createInteraction(body: Record<string, unknown>): Promise<InteractionInfo> {
    return this.call("/interactions", { method: "POST", body });
  }

  getInteraction(interactionId: string): Promise<InteractionInfo> {
    return this.call(`/interactions/${encodeURIComponent(interactionId)}`, { method: "GET" });
  }

  recordConsent(interactionId: string, consent: boolean): Promise<InteractionInfo> {
    return this.call(`/interactions/${encodeURIComponent(interactionId)}/consent`, { method: "PUT", body: { consent } });
  }

  poll(interactionId: string, after: string | undefined): Promise<{ events?: PolledEvent[]; completed?: boolean }> {
    const query = after ? `?after=${encodeURIComponent(after)}` : "";
    return this.call(`/interactions/${encodeURIComponent(interactionId)}/poll${query}`, { method: "GET" });
  }

  async recommendations(body: Record<string, unknown>): Promise<ContentItem[]> {
    const result = await this.call<{ items?: ContentItem[] }>("/recommendations", { method: "POST", body });
    return result?.items ?? [];
  }

  contentEvent(contentId: string, body: Record<string, unknown>): Promise<void> {
    return this.call(`/content/${encodeURIComponent(contentId)}/events`, { method: "POST", body });
  }

  tipEvent(interactionId: string, tipId: string, body: Record<string, unknown>): Promise<void> {
    return this.call(`/interactions/${encodeURIComponent(interactionId)}/tips/${encodeURIComponent(tipId)}/events`, { method: "POST", body });
  }

  complete(interactionId: string): Promise<CompleteResult> {
    return this.call(`/interactions/${encodeURIComponent(interactionId)}/complete`, { method: "POST", body: {} });
  }
}

/** HubSpot object type ids of the standard objects the card is placed on. */
const objectTypes: Record<string, string> = { "0-1": "contacts", "0-2": "companies", "0-3": "deals", "0-5": "tickets" };

export function recordTypeOf(objectTypeId: string): string {
  return objectTypes[objectTypeId] ?? objectTypeId;
}
