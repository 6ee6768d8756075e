/** A scripted backend behind a fetch function: records requests, serves SSE streams the test drives. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface SseConnection {
  send(text: string): void;
  close(): void;
  lastEventId: string | undefined;
}

type Handler = (req: RecordedRequest) => Response | Promise<Response>;

export class FakeBackend {
  readonly requests: RecordedRequest[] = [];
  readonly connections: SseConnection[] = [];
  private readonly routes: [string, RegExp, Handler][] = [];
  private readonly waiters: (() => void)[] = [];

  on(method: string, pattern: RegExp, handler: Handler): this {
    this.routes.push([method, pattern, handler]);
    return this;
  }

  json(method: string, pattern: RegExp, status: number, body?: unknown): this {
    return this.on(method, pattern, () => jsonResponse(status, body));
  }

  /** Routes GET .../events to a new controllable stream per connection. */
  sse(pattern = /\/events$/): this {
    return this.on("GET", pattern, (req) => {
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({ start: (c) => (controller = c) });
      const encoder = new TextEncoder();
      this.connections.push({
        send: (text) => controller.enqueue(encoder.encode(text)),
        close: () => controller.close(),
        lastEventId: req.headers["last-event-id"],
      });
      this.notify();
      return new Response(body, { status: 200, headers: { "Content-Type": "text/event-stream" } });
    });
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => (headers[key.toLowerCase()] = value));
    const text = typeof init?.body === "string" ? init.body : undefined;
    const req: RecordedRequest = { method: init?.method ?? "GET", url, headers, body: text ? JSON.parse(text) : undefined };
    this.requests.push(req);
    this.notify();
    const route = this.routes.find(([m, p]) => m === req.method && p.test(new URL(url, "http://x").pathname));
    if (!route) return jsonResponse(404, { title: "Not Found", status: 404 });
    return route[2](req);
  };

  /** Resolves when the predicate holds, checking after each request or stream. */
  async until(predicate: () => boolean, what = "condition"): Promise<void> {
    const deadline = Date.now() + 2000;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 10);
      });
    }
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

export function jsonResponse(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  const isProblem = status >= 400;
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": isProblem ? "application/problem+json" : "application/json", ...headers },
  });
}

export const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
