import { afterEach, describe, expect, it, vi } from "vitest";
import { mountCoachPanel, type CoachPanel, type CoachPanelOptions } from "../src/panel";
import { FakeBackend, jsonResponse } from "./fake-backend";

const tip = (id: string, severity: string, title: string) =>
  `id: ${id}\nevent: tip\ndata: ${JSON.stringify({ id, kind: "objection_price", title, message: `${title} message`, severity })}\n\n`;

const content = { contentId: "c1", title: "Acme case study", type: "case_study", url: "https://docs.example/acme", reasons: ["Same industry: retail", "Mentions competitor Globex"] };

let panel: CoachPanel | undefined;
afterEach(() => {
  panel?.destroy();
  panel = undefined;
  document.body.replaceChildren();
});

function setup(overrides: Partial<CoachPanelOptions> = {}) {
  const backend = new FakeBackend()
    .sse()
    .json("POST", /^\/api\/v1\/interactions$/, 201, { id: "int-1" })
    .json("POST", /recommendations$/, 200, { items: [content] })
    .json("POST", /\/content\/c1\/events$/, 202)
    .json("POST", /\/tips\/.+\/events$/, 202)
    .json("POST", /complete$/, 200, {
      summary: "Customer worried about price; agreed on a demo.",
      nextSteps: ["Demo on Tuesday"], signals: [{ label: "objection_price", count: 2 }], recommendedContent: [],
      metrics: { repTalkShare: 0.4, customerTalkShare: 0.6 },
    });
  const host = document.createElement("div");
  document.body.append(host);
  const opened: string[] = [];
  const interactions: string[] = [];
  panel = mountCoachPanel(host, {
    apiBase: "http://api.test", getToken: () => "tok", crm: "salesforce",
    record: { type: "Opportunity", id: "006A" }, user: { id: "005U", language: "en_US" },
    fetch: backend.fetch, openUrl: (u) => opened.push(u), onInteraction: (id) => interactions.push(id),
    streamSleep: async () => undefined, sleep: async () => undefined, ...overrides,
  });
  return { backend, host, opened, interactions, panel };
}

const texts = (host: HTMLElement, selector: string) => [...host.querySelectorAll(selector)].map((n) => n.textContent);

describe("CoachPanel", () => {
  it("Start_ButtonClicked_CreatesInteractionForRecordAndStreams", async () => {
    const { backend, host, interactions } = setup();
    const start = host.querySelector<HTMLButtonElement>('[data-action="start"]')!;
    expect(start.textContent).toBe("Start coaching");
    start.click();
    await backend.until(() => backend.connections.length === 1, "stream");
    expect(backend.requests[0]!.body).toEqual({
      crm: "salesforce", recordType: "Opportunity", recordId: "006A", repId: "005U", language: "en", channel: "call",
    });
    expect(interactions).toEqual(["int-1"]);
    expect(backend.requests.some((r) => r.url.endsWith("/api/v1/interactions/int-1/events"))).toBe(true);
    expect(start.hidden).toBe(true);
  });

  it("Stream_TipsArrive_NewestFirstWithSeverityAndNoDuplicates", async () => {
    const { backend, host } = setup({ interactionId: "int-1" });
    await backend.until(() => backend.connections.length === 1, "stream");
    const conn = backend.connections[0]!;
    conn.send(tip("t1", "info", "Price raised"));
    conn.send(tip("t2", "warn", "You talk too much"));
    conn.send(tip("t1", "info", "Price raised"));
    await backend.until(() => host.querySelectorAll(".sc-tip").length === 2, "two tips");
    expect(texts(host, ".sc-tip-title")).toEqual(["You talk too much", "Price raised"]);
    expect(host.querySelector(".sc-tip")!.classList.contains("sc-tip--warn")).toBe(true);
    expect(host.querySelector(".sc-tip .sc-badge")!.textContent).toBe("Warning");
    expect(host.querySelector<HTMLElement>(".sc-section--tips .sc-empty")!.hidden).toBe(true);
    expect(host.querySelector(".sc-tip-list")!.getAttribute("aria-live")).toBe("polite");
  });

  it("TipFeedback_HelpfulClicked_PostsEventOnceAndThanks", async () => {
    const { backend, host } = setup({ interactionId: "int-1" });
    await backend.until(() => backend.connections.length === 1, "stream");
    backend.connections[0]!.send(tip("t9", "suggest", "Ask about budget"));
    await backend.until(() => host.querySelector('[data-tip-id="t9"]') !== null, "tip");
    host.querySelector<HTMLButtonElement>('[data-tip-id="t9"] [data-action="helpful"]')!.click();
    await backend.until(() => backend.requests.some((r) => r.url.includes("/tips/")), "feedback post");
    const post = backend.requests.find((r) => r.url.includes("/tips/"))!;
    expect(post.url).toBe("http://api.test/api/v1/interactions/int-1/tips/t9/events");
    expect(post.body).toEqual({ type: "helpful", repId: "005U" });
    expect(host.querySelector('[data-tip-id="t9"] [data-action="helpful"]')).toBeNull();
    expect(host.querySelector('[data-tip-id="t9"] .sc-feedback-done')!.textContent).toBe("Thanks for the feedback");
  });

  it("Content_OpenClicked_OpensUrlAndPostsOpenEvent", async () => {
    const { backend, host, opened } = setup({ interactionId: "int-1" });
    await backend.until(() => host.querySelector('[data-content-id="c1"]') !== null, "content");
    expect(texts(host, ".sc-reasons li")).toEqual(content.reasons);
    await backend.until(() => backend.requests.some((r) => (r.body as { type?: string })?.type === "impression"), "impression");
    host.querySelector<HTMLButtonElement>('[data-content-id="c1"] [data-action="open"]')!.click();
    expect(opened).toEqual(["https://docs.example/acme"]);
    await backend.until(() => backend.requests.some((r) => (r.body as { type?: string })?.type === "open"), "open event");
    const open = backend.requests.find((r) => (r.body as { type?: string })?.type === "open")!;
    expect(open.url).toBe("http://api.test/api/v1/content/c1/events");
    expect(open.body).toEqual({ type: "open", interactionId: "int-1", repId: "005U" });
  });

  it("Content_ShareClicked_CopiesLinkAndPostsShare", async () => {
    const shared: string[] = [];
    const { backend, host } = setup({ interactionId: "int-1", share: (item) => void shared.push(item.url ?? "") });
    await backend.until(() => host.querySelector('[data-content-id="c1"]') !== null, "content");
    host.querySelector<HTMLButtonElement>('[data-content-id="c1"] [data-action="share"]')!.click();
    await backend.until(() => backend.requests.some((r) => (r.body as { type?: string })?.type === "share"), "share event");
    expect(shared).toEqual(["https://docs.example/acme"]);
  });

  it("Stream_ContentAndMetricsEvents_RenderListAndTalkRatio", async () => {
    const { backend, host } = setup({ interactionId: "int-1" });
    await backend.until(() => backend.connections.length === 1, "stream");
    const item = { contentId: "c2", title: "Globex battlecard", type: "battlecard", url: "https://x.example/b", reasons: ["Competitor mentioned"] };
    backend.connections[0]!.send(`id: 5\nevent: content\ndata: ${JSON.stringify({ items: [item] })}\n\n`);
    backend.connections[0]!.send(`id: 6\nevent: metrics\ndata: ${JSON.stringify({ repTalkShare: 0.72, customerTalkShare: 0.28, longestMonologueMs: 48000, longestMonologueBy: "rep", repQuestions: 3, customerQuestions: 1 })}\n\n`);
    await backend.until(() => host.querySelector(".sc-talk-bar") !== null && host.querySelector('[data-content-id="c2"]') !== null, "render");
    const bar = host.querySelector(".sc-talk-bar")!;
    expect(bar.getAttribute("role")).toBe("meter");
    expect(bar.getAttribute("aria-valuenow")).toBe("72");
    expect(host.querySelector<HTMLElement>(".sc-talk-rep")!.style.width).toBe("72%");
    expect(host.querySelector(".sc-metric-list")!.textContent).toContain("48 s (Rep)");
    expect(texts(host, ".sc-content-title")).toEqual(["Globex battlecard"]);
  });

  it("SetLanguage_French_RelabelsEverythingKeepingState", async () => {
    const { backend, host } = setup({ interactionId: "int-1" });
    await backend.until(() => backend.connections.length === 1, "stream");
    backend.connections[0]!.send(tip("t1", "warn", "Monologue"));
    await backend.until(() => host.querySelector(".sc-tip") !== null, "tip");
    panel!.setLanguage("fr-FR");
    expect(host.querySelector("h2")!.textContent).toBe("Coach commercial");
    expect(host.querySelector(".sc-panel")!.getAttribute("lang")).toBe("fr");
    expect(host.querySelector(".sc-tip .sc-badge")!.textContent).toBe("Attention");
    expect(host.querySelector('[data-action="end"]')!.textContent).toBe("Terminer et résumer");
    expect(texts(host, ".sc-tip-title")).toEqual(["Monologue"]);
    panel!.setLanguage(2052);
    expect(host.querySelector("h2")!.textContent).toBe("销售教练");
  });

  it("Complete_EndClicked_ShowsSummaryAndStopsStream", async () => {
    const completed = vi.fn();
    const { backend, host } = setup({ interactionId: "int-1", onCompleted: completed });
    await backend.until(() => backend.connections.length === 1, "stream");
    host.querySelector<HTMLButtonElement>('[data-action="end"]')!.click();
    await backend.until(() => completed.mock.calls.length === 1, "completed");
    const summary = host.querySelector<HTMLElement>(".sc-section--summary")!;
    expect(summary.hidden).toBe(false);
    expect(summary.textContent).toContain("agreed on a demo");
    expect(summary.textContent).toContain("Demo on Tuesday");
    expect(summary.textContent).toContain("objection_price (2)");
    expect(host.querySelector(".sc-status")!.textContent).toBe("Completed");
    expect(host.querySelector<HTMLElement>('[data-action="end"]')!.hidden).toBe(true);
  });

  it("Complete_SignalsNamedInTheRepsLanguage_ShowsTheNameNotTheCode", async () => {
    const backend = new FakeBackend()
      .sse()
      .json("POST", /recommendations$/, 200, { items: [] })
      .json("POST", /complete$/, 200, {
        summary: "Durée de l'appel : 0:33 (6 interventions).", language: "fr",
        signals: [{ label: "objection_price", name: "Objection prix", count: 2 }], nextSteps: [], recommendedContent: [],
      });
    const completed = vi.fn();
    const { host } = setup({ fetch: backend.fetch, interactionId: "int-1", onCompleted: completed, user: { id: "005U", language: "fr" } });
    await backend.until(() => backend.connections.length === 1, "stream");
    host.querySelector<HTMLButtonElement>('[data-action="end"]')!.click();
    await backend.until(() => completed.mock.calls.length === 1, "completed");
    const summary = host.querySelector<HTMLElement>(".sc-section--summary")!;
    expect(summary.textContent).toContain("Durée de l'appel");
    expect(summary.textContent).toContain("Objection prix (2)");
    expect(summary.textContent).not.toContain("objection_price");
  });

  it("Start_ServerAnswersProblem_ShowsDetailPolitely", async () => {
    const backend = new FakeBackend().on("POST", /interactions$/, () =>
      jsonResponse(403, { title: "Forbidden", status: 403, detail: "This org is not connected to SalesCoach." }),
    );
    const { host } = setup({ fetch: backend.fetch, autoStart: true });
    await backend.until(() => !host.querySelector<HTMLElement>(".sc-notice")!.hidden, "notice");
    const notice = host.querySelector(".sc-notice")!;
    expect(notice.getAttribute("role")).toBe("alert");
    expect(notice.textContent).toBe("Something went wrong: This org is not connected to SalesCoach.");
    expect(host.querySelector<HTMLElement>('[data-action="start"]')!.hidden).toBe(false);
  });

  it("Stream_Unauthorized_AsksToReload", async () => {
    const backend = new FakeBackend()
      .on("GET", /events$/, () => jsonResponse(401, { title: "Unauthorized" }))
      .json("POST", /recommendations$/, 200, { items: [] });
    const { host } = setup({ fetch: backend.fetch, interactionId: "int-1" });
    await backend.until(() => !host.querySelector<HTMLElement>(".sc-notice")!.hidden, "notice");
    expect(host.querySelector(".sc-notice")!.textContent).toBe("Your session has expired. Please reload the page.");
  });

  it("Stream_InteractionNotFound_SaysSessionGoneWithoutRetrying", async () => {
    const backend = new FakeBackend()
      .on("GET", /events$/, () => jsonResponse(404, { title: "Not Found" }))
      .json("POST", /recommendations$/, 200, { items: [] });
    const { host } = setup({ fetch: backend.fetch, interactionId: "old", user: { id: "u", language: "es" } });
    await backend.until(() => !host.querySelector<HTMLElement>(".sc-notice")!.hidden, "notice");
    expect(host.querySelector(".sc-notice")!.textContent).toBe("Esta sesión de coaching ya no está disponible.");
    expect(backend.requests.filter((r) => r.url.endsWith("/events"))).toHaveLength(1);
  });

  it("Buttons_AreRealButtonsWithAccessibleNames", async () => {
    const { backend, host } = setup({ interactionId: "int-1" });
    await backend.until(() => host.querySelector('[data-content-id="c1"]') !== null, "content");
    for (const b of host.querySelectorAll("button")) {
      expect(b.getAttribute("type")).toBe("button");
      if (!b.hidden) expect(b.textContent!.trim().length).toBeGreaterThan(0);
    }
    const region = host.querySelector(".sc-panel")!;
    const labelled = document.getElementById(region.getAttribute("aria-labelledby")!);
    expect(labelled!.textContent).toBe("Sales coach");
  });
});
