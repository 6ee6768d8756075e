import type { FetchOptions, FetchResponse, Fetcher } from "../components/backend";

export interface FetchCall {
  url: string;
  method: string;
  body?: Record<string, unknown>;
}

type Answer = { status: number; body?: unknown };

/** A scripted backend behind hubspot.fetch's signature; records every call. */
export function fakeFetcher(routes: Record<string, (call: FetchCall) => Answer>) {
  const calls: FetchCall[] = [];
  const fetcher: Fetcher = async (url: string, options?: FetchOptions): Promise<FetchResponse> => {
    const call = { url, method: options?.method ?? "GET", body: options?.body };
    calls.push(call);
    const path = new URL(url).pathname;
    const key = Object.keys(routes).find((pattern) => new RegExp(`^${call.method} ${pattern}$`).test(`${call.method} ${path}`));
    const answer = key ? routes[key]!(call) : { status: 404, body: { title: "Not Found" } };
    return { ok: answer.status < 300, status: answer.status, json: async () => answer.body };
  };
  return { fetcher, calls };
}
