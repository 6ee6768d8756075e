import { mountCoachPanel, type CoachPanel } from "@salescoach/shared";
import { createBridge, type CanvasBridge } from "./canvas-bridge";
import { interactionFrom, recordFrom, type CanvasPageConfig } from "./config";

export interface CanvasPageOptions {
  fetch?: typeof fetch;
  /** The frame's parent; defaults to window.parent. */
  parent?: Window | null;
  openUrl?: (url: string) => void;
  /** Waits between retries and write-back reads (tests pass a quick one). */
  sleep?: (ms: number) => Promise<void>;
}

export interface CanvasPage {
  panel: CoachPanel;
  bridge: CanvasBridge;
}

/** Starts the coach panel inside a Salesforce canvas frame. */
export function startCanvasPage(config: CanvasPageConfig, root: HTMLElement, options: CanvasPageOptions = {}): CanvasPage {
  const win = root.ownerDocument.defaultView ?? window;
  const request = config.signedRequest;
  const bridge = createBridge(request.client, win, options.parent === undefined ? win.parent : options.parent);
  const record = recordFrom(request);
  const user = request.context?.user;
  let pending = false;
  const resize = (): void => {
    if (pending) return;
    pending = true;
    // Coalesce bursts of tips into one resize per frame.
    (win.requestAnimationFrame ?? ((f: FrameRequestCallback) => setTimeout(f, 16)))(() => {
      pending = false;
      bridge.resize(root.ownerDocument.documentElement.scrollHeight);
    });
  };

  const panel = mountCoachPanel(root, {
    apiBase: config.apiBase ?? "",
    getToken: () => config.sessionToken,
    crm: "salesforce",
    record,
    user: { id: user?.userId ?? request.userId ?? "", language: user?.language ?? user?.locale },
    interactionId: interactionFrom(config),
    autoStart: request.context?.environment?.parameters?.autoStart === true,
    fetch: options.fetch,
    openUrl: options.openUrl,
    sleep: options.sleep,
    // The summary is written to the record as this rep: a revoked session is theirs to renew, so the panel tells them.
    watchWriteBack: true,
    onRender: resize,
    onInteraction: (interactionId) => {
      bridge.publish("salescoach.interaction", { interactionId, recordId: record.id });
      win.dispatchEvent(
        new CustomEvent("salescoach:interaction", {
          detail: { crm: "salesforce", interactionId, recordType: record.type, recordId: record.id },
        }),
      );
    },
  });

  bridge.subscribe("salescoach.show", (payload) => {
    const id = (payload as { interactionId?: unknown } | null)?.interactionId;
    if (typeof id === "string" && id.length > 0) panel.attach(id);
  });
  bridge.autogrow();
  resize();
  return { panel, bridge };
}
