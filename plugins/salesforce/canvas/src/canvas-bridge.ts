import type { CanvasClient } from "./config";

/** What the page needs from the canvas SDK. */
export interface CanvasBridge {
  resize(heightPx: number): void;
  autogrow(): void;
  publish(name: string, payload: unknown): void;
  subscribe(name: string, onData: (payload: unknown) => void): void;
  dispose(): void;
}

interface SdkClient {
  resize(client: CanvasClient, size?: { height?: string; width?: string }): void;
  autogrow(client: CanvasClient, enabled?: boolean, interval?: number): void;
  publish(client: CanvasClient, event: { name: string; payload: unknown }): void;
  subscribe(client: CanvasClient, subscription: { name: string; onData: (payload: unknown) => void }): void;
}

export function sdkClient(win: Window): SdkClient | undefined {
  const sfdc = (win as unknown as { Sfdc?: { canvas?: { client?: SdkClient } } }).Sfdc;
  return sfdc?.canvas?.client;
}

/**
 * Uses Sfdc.canvas.client when the SDK is loaded. Without it (tests, the sandbox without
 * the SDK) the same messages go to the parent in the SDK's wire format, so one parent
 * emulator serves both. publish/subscribe need the client's oauthToken in the SDK.
 */
export function createBridge(client: CanvasClient | undefined, win: Window, parent: Window | null = win.parent): CanvasBridge {
  const sdk = sdkClient(win);
  if (sdk && client?.instanceId && client.targetOrigin) {
    const canEvent = Boolean(client.oauthToken);
    return {
      resize: (h) => sdk.resize(client, { height: `${Math.ceil(h)}px` }),
      autogrow: () => sdk.autogrow(client, true, 500),
      publish: (name, payload) => canEvent && sdk.publish(client, { name, payload }),
      subscribe: (name, onData) => canEvent && sdk.subscribe(client, { name, onData }),
      dispose: () => undefined,
    };
  }
  return postMessageBridge(client, win, parent);
}

function postMessageBridge(client: CanvasClient | undefined, win: Window, parent: Window | null): CanvasBridge {
  const target = client?.targetOrigin;
  const framed = parent !== null && parent !== win && Boolean(target);
  // Never send the oauth token to the emulator; it only needs to know which frame speaks.
  const safeClient = { instanceId: client?.instanceId, targetOrigin: target };
  const handlers = new Map<string, (payload: unknown) => void>();
  let seq = 0;
  const post = (body: Record<string, unknown>): void => {
    if (!framed || !parent || !target) return;
    seq = seq > 100 ? 0 : seq + 1;
    const message = { targetModule: "Canvas", src: "client", seq, body: { ...body, config: { client: safeClient } } };
    parent.postMessage(JSON.stringify(message), target);
  };
  const onMessage = (event: MessageEvent): void => {
    if (!target || event.origin !== new URL(target).origin || typeof event.data !== "string") return;
    let data: { targetModule?: string; type?: string; payload?: { name?: string; method?: string; payload?: unknown } };
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    if (data.targetModule !== undefined && data.targetModule !== "Canvas") return;
    if (data.type !== "event" || data.payload?.method !== "onData" || !data.payload.name) return;
    handlers.get(data.payload.name)?.(data.payload.payload);
  };
  win.addEventListener("message", onMessage);
  return {
    resize: (h) => post({ type: "resize", size: { height: `${Math.ceil(h)}px`, width: "" } }),
    autogrow: () => undefined,
    publish: (name, payload) => post({ type: "publish", event: { name, payload } }),
    subscribe: (name, onData) => {
      handlers.set(name, onData);
      post({ type: "subscribe", subscriptions: { [name]: { params: {} } } });
    },
    dispose: () => win.removeEventListener("message", onMessage),
  };
}
