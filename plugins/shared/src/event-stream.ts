import { SseParser, type SseMessage } from "./sse-parser";
import type { TokenProvider } from "./api-client";

export type StreamStatus = "connecting" | "open" | "reconnecting" | "closed" | "unauthorized" | "gone";

export interface EventStreamOptions {
  url: string;
  getToken: TokenProvider;
  onMessage: (message: SseMessage) => void;
  onStatus?: (status: StreamStatus) => void;
  /** Resume after this id (sent as Last-Event-ID on the first request too). */
  lastEventId?: string;
  initialRetryMs?: number;
  maxRetryMs?: number;
  fetch?: typeof fetch;
  /** Injected for tests; resolves after ms or when the signal aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** 0..1, injected for tests; spreads reconnects of many clients (jitter). */
  random?: () => number;
}

const defaultSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Server-sent events over fetch + ReadableStream, because EventSource cannot send an
 * Authorization header. Reconnects with exponential backoff and Last-Event-ID so no
 * event is lost or shown twice across a dropped connection.
 */
export class EventStreamClient {
  private readonly abort = new AbortController();
  private readonly parser: SseParser;
  private retryBaseMs: number;
  private attempt = 0;
  private running = false;

  constructor(private readonly options: EventStreamOptions) {
    this.retryBaseMs = options.initialRetryMs ?? 1000;
    this.parser = new SseParser(
      (m) => options.onMessage(m),
      (ms) => (this.retryBaseMs = ms),
    );
    if (options.lastEventId) this.parser.lastEventId = options.lastEventId;
  }

  get lastEventId(): string {
    return this.parser.lastEventId;
  }

  /** Runs until stop(), a 401/403, a 404 (no such interaction) or a 204 (the server's "do not reconnect"). */
  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const fetchFn = this.options.fetch ?? globalThis.fetch.bind(globalThis);
    const sleep = this.options.sleep ?? defaultSleep;
    const signal = this.abort.signal;
    this.options.onStatus?.("connecting");
    while (!signal.aborted) {
      const outcome = await this.connectOnce(fetchFn, signal);
      if (outcome === "unauthorized" || outcome === "gone") {
        this.running = false;
        this.options.onStatus?.(outcome);
        return;
      }
      if (outcome === "stop" || signal.aborted) break;
      this.options.onStatus?.("reconnecting");
      await sleep(this.nextDelay(), signal);
    }
    this.running = false;
    this.options.onStatus?.("closed");
  }

  stop(): void {
    this.abort.abort();
  }

  private nextDelay(): number {
    const max = this.options.maxRetryMs ?? 30000;
    const exp = Math.min(max, this.retryBaseMs * 2 ** this.attempt);
    this.attempt++;
    const random = this.options.random ?? Math.random;
    return Math.round(exp * (0.5 + random() / 2));
  }

  private async connectOnce(fetchFn: typeof fetch, signal: AbortSignal): Promise<"stop" | "retry" | "unauthorized" | "gone"> {
    let response: Response;
    try {
      const headers: Record<string, string> = {
        Accept: "text/event-stream",
        "Cache-Control": "no-cache",
        Authorization: `Bearer ${await this.options.getToken()}`,
      };
      if (this.parser.lastEventId) headers["Last-Event-ID"] = this.parser.lastEventId;
      response = await fetchFn(this.options.url, { headers, signal, cache: "no-store" });
    } catch {
      return "retry";
    }
    if (response.status === 401 || response.status === 403) return "unauthorized";
    if (response.status === 404) return "gone";
    if (response.status === 204) return "stop";
    const type = response.headers.get("content-type") ?? "";
    if (!response.ok || !type.includes("text/event-stream") || !response.body) {
      return "retry";
    }
    this.options.onStatus?.("open");
    this.parser.reset();
    const reader = response.body.getReader();
    const decoder = new TextDecoder("utf-8");
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        this.attempt = 0;
        this.parser.push(decoder.decode(value, { stream: true }));
      }
      this.parser.push(decoder.decode());
    } catch {
      // The connection dropped mid-stream: reconnect with the last id.
    }
    return "retry";
  }
}
