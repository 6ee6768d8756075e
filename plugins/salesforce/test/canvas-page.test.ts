import { afterEach, describe, expect, it, vi } from "vitest";
import { startCanvasPage, type CanvasPage } from "../canvas/src/canvas-page";
import { readConfig, recordFrom, type CanvasPageConfig } from "../canvas/src/config";

const origin = "https://acme.my.salesforce.com";

function config(overrides: Partial<CanvasPageConfig["signedRequest"]> = {}, top: Partial<CanvasPageConfig> = {}): CanvasPageConfig {
  return {
    apiBase: "https://coach.example",
    sessionToken: "sess-123",
    signedRequest: {
      userId: "005U",
      client: { instanceId: "_:SalesCoach:", targetOrigin: origin, oauthToken: "00Dx!oauth" },
      context: {
        user: { userId: "005U", fullName: "Dana Rep", language: "de", locale: "de_DE" },
        environment: {
          displayLocation: "Aura",
          parameters: { recordId: "006000000000001" },
          record: { Id: "006000000000001", attributes: { type: "Opportunity" } },
        },
      },
      ...overrides,
    },
    ...top,
  };
}

interface Sent {
  url: string;
  init?: RequestInit;
}

function fakeFetch(sent: Sent[]): typeof fetch {
  return async (input, init) => {
    const url = String(input);
    sent.push({ url, init });
    if (url.endsWith("/api/v1/interactions")) return new Response(JSON.stringify({ id: "int-7" }), { status: 201 });
    if (url.endsWith("/events")) return new Response(new ReadableStream(), { headers: { "Content-Type": "text/event-stream" } });
    return new Response(JSON.stringify({ items: [] }), { status: 200 });
  };
}

let page: CanvasPage | undefined;
afterEach(() => {
  page?.panel.destroy();
  page?.bridge.dispose();
  page = undefined;
  delete (window as unknown as { Sfdc?: unknown }).Sfdc;
  document.body.replaceChildren();
});

function root(): HTMLElement {
  const el = document.createElement("main");
  document.body.append(el);
  return el;
}

async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !predicate(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(predicate()).toBe(true);
}

describe("config", () => {
  it("ReadConfig_EmbeddedJson_Parsed", () => {
    const script = document.createElement("script");
    script.type = "application/json";
    script.id = "salescoach-canvas-config";
    script.textContent = JSON.stringify(config());
    document.body.append(script);
    expect(readConfig(document)?.sessionToken).toBe("sess-123");
  });

  it("ReadConfig_MalformedOrMissing_Undefined", () => {
    expect(readConfig(document)).toBeUndefined();
    const script = document.createElement("script");
    script.id = "salescoach-canvas-config";
    script.textContent = "{not json";
    document.body.append(script);
    expect(readConfig(document)).toBeUndefined();
  });

  it("RecordFrom_ParametersWinThenRecordThenKeyPrefix", () => {
    expect(recordFrom(config().signedRequest)).toEqual({ type: "Opportunity", id: "006000000000001" });
    expect(recordFrom({ context: { environment: { parameters: { recordId: "001AAA" } } } })).toEqual({ type: "Account", id: "001AAA" });
    expect(recordFrom({ context: { environment: { record: { Id: "00QBBB" } } } })).toEqual({ type: "Lead", id: "00QBBB" });
  });
});

describe("startCanvasPage", () => {
  it("Start_WithSdk_ResizesAutogrowsAndPublishesInteraction", async () => {
    const sdk = { resize: vi.fn(), autogrow: vi.fn(), publish: vi.fn(), subscribe: vi.fn() };
    (window as unknown as { Sfdc: unknown }).Sfdc = { canvas: { client: sdk } };
    const sent: Sent[] = [];
    const c = config();
    c.signedRequest.context!.environment!.parameters!.autoStart = true;
    page = startCanvasPage(c, root(), { fetch: fakeFetch(sent) });

    await until(() => sdk.publish.mock.calls.length === 1);
    const client = c.signedRequest.client;
    expect(sdk.autogrow).toHaveBeenCalledWith(client, true, 500);
    expect(sdk.publish).toHaveBeenCalledWith(client, {
      name: "salescoach.interaction", payload: { interactionId: "int-7", recordId: "006000000000001" },
    });
    expect(sdk.subscribe.mock.calls[0]![1].name).toBe("salescoach.show");
    await until(() => sdk.resize.mock.calls.length > 0);
    expect(sdk.resize.mock.calls[0]![1].height).toMatch(/^\d+px$/);

    const create = sent.find((s) => s.url === "https://coach.example/api/v1/interactions")!;
    expect(JSON.parse(String(create.init!.body))).toEqual({
      crm: "salesforce", recordType: "Opportunity", recordId: "006000000000001", repId: "005U", language: "de", channel: "call",
    });
    expect(new Headers(create.init!.headers).get("Authorization")).toBe("Bearer sess-123");
    expect(sent.every((s) => !s.url.includes("sess-123"))).toBe(true);
  });

  it("Start_UserLanguageGerman_PanelInGerman", () => {
    page = startCanvasPage(config(), root(), { fetch: fakeFetch([]), parent: null });
    expect(document.querySelector("h2")!.textContent).toBe("Vertriebscoach");
    expect(document.querySelector('[data-action="start"]')!.textContent).toBe("Coaching starten");
  });

  it("SdkShowEvent_SwitchesToGivenInteraction", async () => {
    const sdk = { resize: vi.fn(), autogrow: vi.fn(), publish: vi.fn(), subscribe: vi.fn() };
    (window as unknown as { Sfdc: unknown }).Sfdc = { canvas: { client: sdk } };
    const sent: Sent[] = [];
    page = startCanvasPage(config(), root(), { fetch: fakeFetch(sent) });
    expect(page.panel.interactionId).toBeUndefined();
    sdk.subscribe.mock.calls[0]![1].onData({ interactionId: "from-telephony" });
    expect(page.panel.interactionId).toBe("from-telephony");
    await until(() => sent.some((s) => s.url.endsWith("/interactions/from-telephony/events")));
  });

  it("Start_WithSdkButNoOauthToken_ResizesButSkipsEvents", async () => {
    const sdk = { resize: vi.fn(), autogrow: vi.fn(), publish: vi.fn(), subscribe: vi.fn() };
    (window as unknown as { Sfdc: unknown }).Sfdc = { canvas: { client: sdk } };
    const c = config({ client: { instanceId: "i", targetOrigin: origin } }, { interactionId: "int-1" });
    page = startCanvasPage(c, root(), { fetch: fakeFetch([]) });
    await until(() => sdk.resize.mock.calls.length > 0);
    expect(sdk.subscribe).not.toHaveBeenCalled();
    expect(sdk.publish).not.toHaveBeenCalled();
  });

  it("Start_WithoutSdk_PostsSdkWireFormatToParentWithoutToken", async () => {
    const posted: [string, string][] = [];
    const parent = { postMessage: (m: string, o: string) => posted.push([m, o]) } as unknown as Window;
    page = startCanvasPage(config({}, ), root(), { fetch: fakeFetch([]), parent });
    page.panel.attach("int-2");
    await until(() => posted.some(([m]) => JSON.parse(m).body.type === "resize"));
    const messages = posted.map(([m, o]) => ({ ...JSON.parse(m), to: o }));
    for (const m of messages) {
      expect(m.targetModule).toBe("Canvas");
      expect(m.to).toBe(origin);
      expect(JSON.stringify(m)).not.toContain("oauth");
    }
    expect(messages.find((m) => m.body.type === "subscribe")!.body.subscriptions).toHaveProperty(["salescoach.show"]);
    expect(messages.find((m) => m.body.type === "publish")!.body.event).toEqual({
      name: "salescoach.interaction", payload: { interactionId: "int-2", recordId: "006000000000001" },
    });
  });

  it("ParentEventFromSalesforceOrigin_Delivered_OtherOriginIgnored", () => {
    const parent = { postMessage: () => undefined } as unknown as Window;
    page = startCanvasPage(config(), root(), { fetch: fakeFetch([]), parent });
    const event = (id: string, from: string) =>
      new MessageEvent("message", {
        origin: from,
        data: JSON.stringify({ targetModule: "Canvas", type: "event", payload: { name: "salescoach.show", method: "onData", payload: { interactionId: id } } }),
      });
    window.dispatchEvent(event("evil", "https://attacker.example"));
    expect(page.panel.interactionId).toBeUndefined();
    window.dispatchEvent(event("good", origin));
    expect(page.panel.interactionId).toBe("good");
  });

  it("Start_TenantRequiresConsent_AsksInTheUsersLanguageAndRecordsTheAnswerWithTheSessionToken", async () => {
    const sent: Sent[] = [];
    let consent: boolean | null = null;
    const fetchFn: typeof fetch = async (input, init) => {
      const url = String(input);
      sent.push({ url, init });
      if (url.endsWith("/api/v1/interactions")) return new Response(JSON.stringify({ id: "int-7", consent, consentRequired: true }), { status: 201 });
      if (url.endsWith("/consent")) {
        consent = JSON.parse(String(init!.body)).consent;
        return new Response(JSON.stringify({ id: "int-7", consent }), { status: 200 });
      }
      if (url.endsWith("/events")) return new Response(new ReadableStream(), { headers: { "Content-Type": "text/event-stream" } });
      return new Response(JSON.stringify({ items: [] }), { status: 200 });
    };
    const c = config();
    c.signedRequest.context!.environment!.parameters!.autoStart = true;
    page = startCanvasPage(c, root(), { fetch: fetchFn, parent: null });

    await until(() => document.querySelector('[data-action="consent-grant"]') !== null);
    expect(document.querySelector('[data-action="consent-grant"]')!.textContent).toBe("Kunde stimmt zu");
    expect(document.querySelector(".sc-status")!.textContent).toBe("Warte auf Einwilligung");
    expect(sent.some((s) => s.url.endsWith("/events"))).toBe(false);

    document.querySelector<HTMLButtonElement>('[data-action="consent-grant"]')!.click();
    await until(() => sent.some((s) => s.url.endsWith("/events")));
    const put = sent.find((s) => s.url === "https://coach.example/api/v1/interactions/int-7/consent")!;
    expect(put.init!.method).toBe("PUT");
    expect(new Headers(put.init!.headers).get("Authorization")).toBe("Bearer sess-123");
    expect(JSON.parse(String(put.init!.body))).toEqual({ consent: true });
  });

  it("End_WriteBackFailedForARevokedSalesforceAuthorization_TellsTheRepToReopenSalesCoach", async () => {
    const sent: Sent[] = [];
    const fetchFn: typeof fetch = async (input, init) => {
      const url = String(input);
      sent.push({ url, init });
      if (url.endsWith("/events")) return new Response(new ReadableStream(), { headers: { "Content-Type": "text/event-stream" } });
      if (url.endsWith("/complete")) return new Response(JSON.stringify({ summary: "Zusammenfassung.", nextSteps: [] }), { status: 200 });
      if (url.endsWith("/writeback")) {
        const job = { interactionId: "int-3", crm: "salesforce", status: "failed", errorCode: "crm_authorization_revoked", lastError: "invalid_grant" };
        return new Response(JSON.stringify(job), { status: 200 });
      }
      return new Response(JSON.stringify({ items: [] }), { status: 200 });
    };
    page = startCanvasPage(config({}, { interactionId: "int-3" }), root(), { fetch: fetchFn, parent: null, sleep: async () => undefined });
    await until(() => sent.some((s) => s.url.endsWith("/events")));

    document.querySelector<HTMLButtonElement>('[data-action="end"]')!.click();

    await until(() => document.querySelector('.sc-notice[data-notice="writeBackReauthorize"]') !== null);
    expect(document.querySelector(".sc-notice")!.textContent).toContain("Öffnen Sie die SalesCoach-App erneut");
    expect(sent.find((s) => s.url.endsWith("/writeback"))!.url).toBe("https://coach.example/api/v1/interactions/int-3/writeback");
  });

  it("Interaction_Opened_DispatchesDomEventForHost", async () => {
    const seen: unknown[] = [];
    window.addEventListener("salescoach:interaction", (e) => seen.push((e as CustomEvent).detail));
    page = startCanvasPage(config({}, { interactionId: "int-3" }), root(), { fetch: fakeFetch([]), parent: null });
    expect(seen).toContainEqual({ crm: "salesforce", interactionId: "int-3", recordType: "Opportunity", recordId: "006000000000001" });
  });
});
