import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SalesCoachPanel } from "../SalesCoachPanel/index";
import { mount, type HostedControl } from "../loader/loader";
import { buildContext } from "../loader/pcf-context";

interface Call {
  url: string;
  method: string;
  auth: string | null;
  body: unknown;
}

let calls: Call[];
let hosted: HostedControl | undefined;

beforeEach(() => {
  calls = [];
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({
      url, method: init?.method ?? "GET", auth: new Headers(init?.headers).get("Authorization"),
      body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
    });
    if (url.endsWith("/api/v1/interactions")) return new Response(JSON.stringify({ id: `int-${calls.length}` }), { status: 201 });
    if (url.endsWith("/events")) return new Response(new ReadableStream(), { headers: { "Content-Type": "text/event-stream" } });
    if (url.endsWith("/complete")) return new Response(JSON.stringify({ summary: "Agreed on a pilot with 20 seats.", nextSteps: ["Send pilot contract"] }));
    return new Response(JSON.stringify({ items: [{ contentId: "c1", title: "Pilot playbook", type: "one_pager", url: "https://docs.example/pilot", reasons: ["Stage: proposal"] }] }));
  });
});

afterEach(() => {
  hosted?.destroy();
  hosted = undefined;
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

function host(): HTMLElement {
  const el = document.createElement("div");
  document.body.append(el);
  return el;
}

async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !predicate(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(predicate()).toBe(true);
}

const base = {
  apiBase: "https://coach.example",
  languageId: 1036,
  entityName: "opportunity",
  recordId: "{7D2F0C1A-AAAA-4BBB-8CCC-000000000001}",
  userId: "{11111111-2222-3333-4444-555555555555}",
  getToken: () => "sandbox-token",
};

describe("SalesCoachPanel (PCF control)", () => {
  it("Init_FrenchUserAutoStart_OpensInteractionForFormRecordWithInjectedToken", async () => {
    const root = host();
    hosted = mount(root, { ...base, autoStart: true }, SalesCoachPanel);
    expect(root.querySelector("h2")!.textContent).toBe("Coach commercial");
    await until(() => calls.some((c) => c.url.endsWith("/events")));
    const create = calls.find((c) => c.url === "https://coach.example/api/v1/interactions")!;
    expect(create.body).toEqual({
      crm: "dynamics", recordType: "opportunity", recordId: "7d2f0c1a-aaaa-4bbb-8ccc-000000000001",
      repId: "11111111-2222-3333-4444-555555555555", language: "fr", channel: "call",
    });
    expect(calls.every((c) => c.auth === "Bearer sandbox-token")).toBe(true);
  });

  it("Init_TenantRequiresConsent_AsksBeforeCoachingAndRecordsTheAnswerInTheUsersLanguage", async () => {
    let consent: boolean | null = null;
    const stubbed = fetch;
    vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      if (url.endsWith("/api/v1/interactions")) {
        calls.push({ url, method: "POST", auth: new Headers(init?.headers).get("Authorization"), body: JSON.parse(String(init?.body)) });
        return new Response(JSON.stringify({ id: "int-c", consent, consentRequired: true }), { status: 201 });
      }
      if (url.endsWith("/consent")) {
        consent = JSON.parse(String(init?.body)).consent;
        calls.push({ url, method: init?.method ?? "GET", auth: new Headers(init?.headers).get("Authorization"), body: { consent } });
        return new Response(JSON.stringify({ id: "int-c", consent }), { status: 200 });
      }
      return stubbed(input, init);
    });
    const root = host();
    hosted = mount(root, { ...base, autoStart: true }, SalesCoachPanel);

    await until(() => root.querySelector('[data-action="consent-grant"]') !== null);
    expect(root.querySelector(".sc-consent-text")!.textContent).toContain("Demandez d'abord au client");
    expect(root.querySelector('[data-action="consent-refuse"]')!.textContent).toBe("Le client refuse");
    expect(calls.some((c) => c.url.endsWith("/events"))).toBe(false);
    hosted.update({ languageId: 3082 });
    expect(root.querySelector('[data-action="consent-grant"]')!.textContent).toBe("El cliente acepta");

    root.querySelector<HTMLButtonElement>('[data-action="consent-grant"]')!.click();
    await until(() => calls.some((c) => c.url.endsWith("/events")));
    const put = calls.find((c) => c.url.endsWith("/consent"))!;
    expect(put).toEqual({ url: "https://coach.example/api/v1/interactions/int-c/consent", method: "PUT", auth: "Bearer sandbox-token", body: { consent: true } });
  });

  it("UpdateView_LanguageChanged_RelabelsSamePanelWithoutNewInteraction", async () => {
    const root = host();
    hosted = mount(root, { ...base, autoStart: true }, SalesCoachPanel);
    await until(() => calls.some((c) => c.url.endsWith("/events")));
    const panel = root.querySelector(".sc-panel");
    hosted.update({ languageId: 1031 });
    expect(root.querySelector("h2")!.textContent).toBe("Vertriebscoach");
    expect(root.querySelector(".sc-panel")).toBe(panel);
    hosted.update({ languageId: 2052 });
    expect(root.querySelector("h2")!.textContent).toBe("销售教练");
    expect(calls.filter((c) => c.url.endsWith("/api/v1/interactions"))).toHaveLength(1);
  });

  it("UpdateView_OtherRecord_NewPanelForThatRecord", async () => {
    const root = host();
    hosted = mount(root, { ...base, interactionId: "existing" }, SalesCoachPanel);
    const first = root.querySelector(".sc-panel");
    hosted.update({ recordId: "{00000000-0000-0000-0000-0000000000AB}", entityName: "account" });
    expect(root.querySelector(".sc-panel")).not.toBe(first);
    root.querySelector<HTMLButtonElement>('[data-action="start"]')!.click();
    await until(() => calls.some((c) => (c.body as { recordType?: string } | undefined)?.recordType === "account"));
  });

  it("Complete_SummaryWrittenToBoundColumnThroughOutputs", async () => {
    const outputs: unknown[] = [];
    const root = host();
    hosted = mount(root, { ...base, interactionId: "int-9", onOutputs: (o) => outputs.push(o) }, SalesCoachPanel);
    expect(hosted.control.getOutputs()).toEqual({ coachingNotes: undefined });
    root.querySelector<HTMLButtonElement>('[data-action="end"]')!.click();
    await until(() => outputs.length === 1);
    expect(outputs[0]).toEqual({ coachingNotes: "Agreed on a pilot with 20 seats." });
    expect(calls.some((c) => c.url === "https://coach.example/api/v1/interactions/int-9/complete")).toBe(true);
  });

  it("OpenContent_UsesPcfNavigationOpenUrl", async () => {
    const opened: string[] = [];
    const root = host();
    hosted = mount(root, { ...base, interactionId: "int-2", openUrl: (u) => opened.push(u) }, SalesCoachPanel);
    await until(() => root.querySelector('[data-content-id="c1"] [data-action="open"]') !== null);
    root.querySelector<HTMLButtonElement>('[data-content-id="c1"] [data-action="open"]')!.click();
    expect(opened).toEqual(["https://docs.example/pilot"]);
    await until(() => calls.some((c) => (c.body as { type?: string } | undefined)?.type === "open"));
  });

  it("Recommendations_StageReadThroughWebApi", async () => {
    const reads: string[] = [];
    const webAPI = {
      retrieveRecord: async (entity: string, id: string, options?: string) => {
        reads.push(`${entity}/${id}${options}`);
        return { name: "Contoso 500 seats", stepname: "3-Propose" };
      },
    } as unknown as ComponentFramework.WebApi;
    hosted = mount(host(), { ...base, interactionId: "int-4", webAPI }, SalesCoachPanel);
    await until(() => calls.some((c) => c.url.endsWith("/recommendations")));
    expect(reads).toEqual(["opportunity/7d2f0c1a-aaaa-4bbb-8ccc-000000000001?$select=name,stepname"]);
    expect(calls.find((c) => c.url.endsWith("/recommendations"))!.body).toMatchObject({
      interactionId: "int-4", context: { crm: "dynamics", recordType: "opportunity", stage: "3-Propose" },
    });
  });

  it("Recommendations_WebApiFails_StillRecommends", async () => {
    const webAPI = { retrieveRecord: async () => { throw new Error("privilege"); } } as unknown as ComponentFramework.WebApi;
    hosted = mount(host(), { ...base, interactionId: "int-4", webAPI }, SalesCoachPanel);
    await until(() => calls.some((c) => c.url.endsWith("/recommendations")));
    expect(calls.find((c) => c.url.endsWith("/recommendations"))!.body).toMatchObject({ context: { crm: "dynamics", recordType: "opportunity" } });
  });

  it("Init_UnsavedRecordWithoutId_RendersNothing", () => {
    const control = new SalesCoachPanel();
    control.useTokenProvider(() => "t");
    const container = document.createElement("div");
    control.init(buildContext({ ...base, recordId: "" }), () => undefined, {}, container);
    expect(container.childElementCount).toBe(0);
    expect(calls).toHaveLength(0);
    control.destroy();
  });

  it("Init_AnnouncesInteractionToHostPage", async () => {
    const seen: unknown[] = [];
    const listener = (e: Event) => seen.push((e as CustomEvent).detail);
    window.addEventListener("salescoach:interaction", listener);
    hosted = mount(host(), { ...base, autoStart: true }, SalesCoachPanel);
    await until(() => seen.length === 1);
    window.removeEventListener("salescoach:interaction", listener);
    expect(seen[0]).toMatchObject({ crm: "dynamics", recordType: "opportunity", recordId: "7d2f0c1a-aaaa-4bbb-8ccc-000000000001" });
  });
});
