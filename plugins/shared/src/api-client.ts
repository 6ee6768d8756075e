import type {
  CompleteResult,
  ContentEventType,
  ContentItem,
  CreateInteraction,
  InteractionInfo,
  ProblemDetails,
  TipFeedback,
  WriteBackJob,
} from "./types";

export type TokenProvider = () => string | Promise<string>;

/** A failed API call; `problem` is the RFC 9457 body when the server sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem?: ProblemDetails,
    /** The Retry-After header of a 429/503, in seconds. */
    readonly retryAfter?: string | null,
  ) {
    super(problem?.detail ?? problem?.title ?? (status === 0 ? "network error" : `HTTP ${status}`));
    this.name = "ApiError";
  }
}

export interface ApiClientOptions {
  /** Backend origin ("" = same origin as the page). */
  baseUrl: string;
  getToken: TokenProvider;
  fetch?: typeof fetch;
  /** Extra attempts after the first for retryable failures (network, 429, 502-504). */
  retries?: number;
  sleep?: (ms: number) => Promise<void>;
}

const retryable = new Set([0, 429, 502, 503, 504]);

/** HTTP API v1 over fetch with a bearer token. */
export class ApiClient {
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: ApiClientOptions) {
    this.fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  url(path: string): string {
    return `${this.options.baseUrl.replace(/\/+$/, "")}${path}`;
  }

  createInteraction(body: CreateInteraction): Promise<InteractionInfo> {
    return this.send("POST", "/api/v1/interactions", body, false);
  }

  getInteraction(interactionId: string): Promise<InteractionInfo> {
    return this.send("GET", `/api/v1/interactions/${encodeURIComponent(interactionId)}`, undefined, true);
  }

  /** Records the customer's answer; repeating it records the same, so it is retried like a read. */
  recordConsent(interactionId: string, consent: boolean): Promise<InteractionInfo> {
    return this.send("PUT", `/api/v1/interactions/${encodeURIComponent(interactionId)}/consent`, { consent }, true);
  }

  writeBack(interactionId: string): Promise<WriteBackJob> {
    return this.send("GET", `/api/v1/interactions/${encodeURIComponent(interactionId)}/writeback`, undefined, true);
  }

  eventsUrl(interactionId: string): string {
    return this.url(`/api/v1/interactions/${encodeURIComponent(interactionId)}/events`);
  }

  async recommendations(body: unknown): Promise<ContentItem[]> {
    const result = await this.send<{ items?: ContentItem[] }>("POST", "/api/v1/recommendations", body, true);
    return result?.items ?? [];
  }

  postContentEvent(contentId: string, type: ContentEventType, interactionId?: string, repId?: string): Promise<void> {
    const path = `/api/v1/content/${encodeURIComponent(contentId)}/events`;
    return this.send("POST", path, { type, interactionId, repId }, true);
  }

  postTipFeedback(interactionId: string, tipId: string, type: TipFeedback, repId?: string): Promise<void> {
    const path = `/api/v1/interactions/${encodeURIComponent(interactionId)}/tips/${encodeURIComponent(tipId)}/events`;
    return this.send("POST", path, { type, repId }, true);
  }

  complete(interactionId: string): Promise<CompleteResult> {
    return this.send("POST", `/api/v1/interactions/${encodeURIComponent(interactionId)}/complete`, undefined, true);
  }

  /**
   * One call with retries for failures that are safe to repeat: `retry` is false for
   * calls that create something, so a slow first attempt cannot create it twice.
   */
  async send<T>(method: string, path: string, body: unknown, retry: boolean): Promise<T> {
    const attempts = retry ? 1 + (this.options.retries ?? 2) : 1;
    let lastError: ApiError = new ApiError(0);
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await this.sleep(lastDelay(lastError, attempt));
      let response: Response;
      try {
        const headers: Record<string, string> = {
          Accept: "application/json",
          Authorization: `Bearer ${await this.options.getToken()}`,
        };
        if (body !== undefined) headers["Content-Type"] = "application/json";
        response = await this.fetchFn(this.url(path), {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch {
        lastError = new ApiError(0);
        continue;
      }
      if (response.ok) return (await readJson(response)) as T;
      lastError = new ApiError(response.status, await readProblem(response), response.headers.get("retry-after"));
      if (!retryable.has(response.status)) break;
    }
    throw lastError;
  }
}

function lastDelay(error: ApiError, attempt: number): number {
  const seconds = error.retryAfter ? Number(error.retryAfter) : NaN;
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, 30) * 1000;
  return 500 * 2 ** (attempt - 1);
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 202 || response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function readProblem(response: Response): Promise<ProblemDetails | undefined> {
  try {
    const value = (await readJson(response)) as ProblemDetails | undefined;
    return value && typeof value === "object" ? value : undefined;
  } catch {
    return undefined;
  }
}
