// @vitest-environment happy-dom
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";

// The host bundle aliases the package to the DOM implementation; do the same here.
vi.mock("@hubspot/ui-extensions", () => import("../host/ui-extensions-dom"));

const { mountCard } = await import("../host/host");
await import("../src/app/cards/SalesCoachCard");

interface ProxyCall {
  method: string;
  url: string;
  body: string | null;
}

function proxy(pollEvents: () => unknown[] = () => []) {
  const calls: ProxyCall[] = [];
  const fetchFn = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    const call = JSON.parse(String(init?.body)) as ProxyCall;
    calls.push(call);
    const path = new URL(call.url).pathname;
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
    if (path.endsWith("/interactions")) return json(201, { id: "int-5" });
    if (path.endsWith("/poll")) return json(200, { events: pollEvents(), completed: false });
    if (path.endsWith("/recommendations"))
      return json(200, { items: [{ contentId: "c9", title: "Battlecard: Globex", type: "battlecard", url: "https://docs.example/globex", reasons: ["Competitor mentioned"] }] });
    return new Response(null, { status: 202 });
  }) as typeof fetch;
  return { calls, fetchFn };
}

const context = { user: { id: 42, email: "rep@example.com", locale: "en-us" }, portal: { id: 9001 }, crm: { objectId: 777, objectTypeId: "0-3" } };

async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !predicate(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(predicate()).toBe(true);
}

let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  document.body.replaceChildren();
});

function root(): HTMLElement {
  const el = document.createElement("div");
  document.body.append(el);
  return el;
}

describe("HubSpot equivalent host", () => {
  it("Mount_AutoStart_SendsProxyRequestsLikeHubSpotAndAnnouncesInteraction", async () => {
    const { calls, fetchFn } = proxy();
    const seen: unknown[] = [];
    window.addEventListener("salescoach:interaction", (e) => seen.push((e as CustomEvent).detail));
    const el = root();
    unmount = mountCard(el, { proxyUrl: "/sandbox/hubspot/fetch", backendOrigin: "http://sandbox.test", context, autoStart: true, fetch: fetchFn }).unmount;
    await until(() => calls.some((c) => c.url.includes("/poll")));
    expect(calls[0]).toEqual({
      method: "POST",
      url: "http://sandbox.test/hubspot/api/v1/interactions?userId=42&userEmail=rep%40example.com&portalId=9001",
      body: JSON.stringify({ crm: "hubspot", recordType: "deals", recordId: "777", repId: "42", language: "en", channel: "call" }),
    });
    expect(calls.find((c) => c.url.includes("/poll"))!.method).toBe("GET");
    expect(calls.find((c) => c.url.includes("/poll"))!.body).toBeNull();
    expect(seen).toContainEqual({ crm: "hubspot", interactionId: "int-5", recordType: "0-3", recordId: "777" });
    expect(el.querySelector("h2")!.textContent).toBe("Sales coach");
  });

  it("Poll_TipRendersAsDomAndContentOpenPostsEvent", async () => {
    const { calls, fetchFn } = proxy(() => [{ id: "e1", type: "tip", data: { id: "t1", kind: "competitor", title: "Globex came up", message: "Use the battlecard.", severity: "suggest" } }]);
    const el = root();
    unmount = mountCard(el, { proxyUrl: "/p", backendOrigin: "http://sandbox.test", context, autoStart: true, fetch: fetchFn }).unmount;
    await until(() => el.querySelector('[data-testid="tip-t1"]') !== null);
    expect(el.querySelector('[data-testid="tip-t1"]')!.textContent).toContain("Globex came up");
    await until(() => el.querySelector('[data-testid="content-c9-open"]') !== null);
    const link = el.querySelector<HTMLAnchorElement>('[data-testid="content-c9-open"]')!;
    expect(link.getAttribute("href")).toBe("https://docs.example/globex");
    expect(link.getAttribute("target")).toBe("_blank");
    link.addEventListener("click", (e) => e.preventDefault());
    link.click();
    await until(() => calls.some((c) => c.url.includes("/content/c9/events")));
    expect(JSON.parse(calls.find((c) => c.url.includes("/content/c9/events"))!.body!)).toEqual({ type: "open", interactionId: "int-5", repId: "42" });
  });

  it("Update_LocaleChanged_TextSwitchesWithoutNewInteraction", async () => {
    const { calls, fetchFn } = proxy();
    const el = root();
    const card = mountCard(el, { proxyUrl: "/p", backendOrigin: "http://sandbox.test", context, autoStart: true, fetch: fetchFn });
    unmount = card.unmount;
    await until(() => calls.some((c) => c.url.includes("/poll")));
    card.update({ context: { ...context, user: { ...context.user, locale: "zh-cn" } } });
    await until(() => el.querySelector("h2")!.textContent === "销售教练");
    expect(el.querySelector('[data-testid="end"]')!.textContent).toBe("结束并生成总结");
    expect(calls.filter((c) => c.url.includes("/interactions?"))).toHaveLength(1);
  });

  it("Mount_WithoutAutoStart_WaitsForStartButton", async () => {
    const { calls, fetchFn } = proxy();
    const el = root();
    unmount = mountCard(el, { proxyUrl: "/p", backendOrigin: "http://sandbox.test", context, fetch: fetchFn }).unmount;
    await until(() => el.querySelector('[data-testid="start"]') !== null);
    expect(calls).toHaveLength(0);
    el.querySelector<HTMLButtonElement>('[data-testid="start"]')!.click();
    await until(() => calls.length > 0);
  });

  it("CardStrings_AreTheSharedStrings", () => {
    // happy-dom replaces URL, so resolve plain paths from this file's location.
    const here = path.dirname(fileURLToPath(import.meta.url));
    const copy = readFileSync(path.join(here, "../src/app/cards/i18n.ts"), "utf8");
    const shared = readFileSync(path.join(here, "../../shared/src/i18n.ts"), "utf8");
    expect(copy.slice(copy.indexOf("\n") + 1)).toBe(shared);
  });
});
