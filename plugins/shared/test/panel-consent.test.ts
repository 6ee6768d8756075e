import { afterEach, describe, expect, it } from "vitest";
import { languages, translator } from "../src/i18n";
import { mountCoachPanel, type CoachPanel, type CoachPanelOptions } from "../src/panel";
import { FakeBackend, jsonResponse, type RecordedRequest } from "./fake-backend";

const tip = (id: string) => `id: ${id}\nevent: tip\ndata: ${JSON.stringify({ id, kind: "objection_price", title: "Price", message: "Price!", severity: "warn" })}\n\n`;
const problem = (type: string) => ({ type, title: "Conflict", status: 409, detail: "An English detail the rep never reads." });

let panel: CoachPanel | undefined;
afterEach(() => {
  panel?.destroy();
  panel = undefined;
  document.body.replaceChildren();
});

/** A backend whose interaction answers with `interaction` and records consent as PUT says (or answers `refusePut`). */
function backend(interaction: Record<string, unknown>, refusePut?: Response) {
  let consent = interaction.consent ?? null;
  return new FakeBackend()
    .sse()
    .on("POST", /^\/api\/v1\/interactions$/, () => jsonResponse(201, { id: "int-1", ...interaction, consent }))
    .on("GET", /^\/api\/v1\/interactions\/int-1$/, () => jsonResponse(200, { id: "int-1", ...interaction, consent }))
    .on("PUT", /\/consent$/, (req) => {
      if (refusePut) return refusePut;
      consent = (req.body as { consent: boolean }).consent;
      return jsonResponse(200, { id: "int-1", consent, consentAt: "2025-01-06T09:00:00Z" });
    })
    .json("POST", /recommendations$/, 200, { items: [] })
    .json("POST", /complete$/, 200, { summary: "Done.", nextSteps: [], signals: [], recommendedContent: [] });
}

function mount(fake: FakeBackend, overrides: Partial<CoachPanelOptions> = {}) {
  const host = document.createElement("div");
  document.body.append(host);
  panel = mountCoachPanel(host, {
    apiBase: "http://api.test", getToken: () => "tok", crm: "dynamics", record: { type: "opportunity", id: "7d2f" },
    user: { id: "rep-1", language: "en" }, fetch: fake.fetch, streamSleep: async () => undefined, sleep: async () => undefined,
    consentPollMs: 5, ...overrides,
  });
  return host;
}

const q = <T extends HTMLElement = HTMLElement>(host: HTMLElement, selector: string) => host.querySelector<T>(selector);
const click = (host: HTMLElement, action: string) => q<HTMLButtonElement>(host, `[data-action="${action}"]`)!.click();
const calls = (fake: FakeBackend, test: (r: RecordedRequest) => boolean) => fake.requests.filter(test);
const streams = (fake: FakeBackend) => calls(fake, (r) => r.url.endsWith("/events")).length;
const consentPuts = (fake: FakeBackend) => calls(fake, (r) => r.method === "PUT").map((r) => [r.url, r.body]);

describe("CoachPanel consent", () => {
  it("Start_ConsentRequired_AsksAndCoachesOnlyOnceTheRepRecordsTheCustomersYes", async () => {
    const fake = backend({ consentRequired: true });
    const host = mount(fake, { autoStart: true });
    await fake.until(() => q(host, '.sc-consent[data-consent="asking"]') !== null, "the question");

    expect(q(host, ".sc-consent")!.hidden).toBe(false);
    expect(q(host, ".sc-consent-text")!.textContent).toContain("Ask the customer first");
    expect(q(host, ".sc-status")!.dataset.status).toBe("consent");
    expect(q(host, ".sc-status")!.textContent).toBe("Waiting for consent");
    expect(q(host, '[data-action="end"]')!.hidden).toBe(true);
    expect(calls(fake, (r) => r.url.endsWith("/recommendations"))).toHaveLength(0);
    expect(streams(fake)).toBe(0);

    click(host, "consent-grant");
    await fake.until(() => fake.connections.length === 1, "the stream");
    expect(consentPuts(fake)).toEqual([["http://api.test/api/v1/interactions/int-1/consent", { consent: true }]]);
    expect(q(host, ".sc-consent")!.dataset.consent).toBe("granted");
    expect(q(host, '[data-action="consent-withdraw"]')!.textContent).toBe("Customer withdrew consent");
    fake.connections[0]!.send(tip("t1"));
    await fake.until(() => q(host, ".sc-tip") !== null, "a tip");
    expect(q(host, ".sc-status")!.dataset.status).toBe("open");
    expect(q(host, '[data-action="end"]')!.hidden).toBe(false);
  });

  it("Start_ConsentRequired_CustomerDeclines_NothingIsCoachedAndThePanelSaysSoInSpanish", async () => {
    const fake = backend({ consentRequired: true });
    const host = mount(fake, { autoStart: true, user: { id: "rep-1", language: "es-ES" } });
    await fake.until(() => q(host, '[data-action="consent-refuse"]') !== null, "the question");
    expect(q(host, '[data-action="consent-grant"]')!.textContent).toBe("El cliente acepta");

    click(host, "consent-refuse");
    await fake.until(() => q(host, '.sc-consent[data-consent="refused"]') !== null, "the refusal");

    expect(consentPuts(fake)).toEqual([["http://api.test/api/v1/interactions/int-1/consent", { consent: false }]]);
    expect(q(host, ".sc-consent-text")!.textContent).toBe("El cliente no ha dado su consentimiento: no se graba ni se analiza nada de esta llamada.");
    expect(q(host, ".sc-status")!.textContent).toBe("Coaching desactivado");
    expect(q(host, '[data-action="end"]')!.hidden).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    expect(streams(fake)).toBe(0);
  });

  it("Live_NotRequired_CustomerObjectsThenAgrees_CoachingStopsAndResumesKeepingTheTips", async () => {
    const fake = backend({ consentRequired: false });
    const host = mount(fake, { autoStart: true });
    await fake.until(() => fake.connections.length === 1, "the stream");
    expect(q(host, ".sc-consent")!.dataset.consent).toBe("not-asked");
    fake.connections[0]!.send(tip("t1"));
    await fake.until(() => q(host, ".sc-tip") !== null, "a tip");

    click(host, "consent-refuse");
    await fake.until(() => q(host, ".sc-status")!.dataset.status === "declined", "declined");
    expect(q(host, ".sc-status")!.textContent).toBe("Coaching off");
    expect(host.querySelectorAll(".sc-tip")).toHaveLength(1);
    expect(q(host, '[data-action="end"]')!.hidden).toBe(false);

    click(host, "consent-grant");
    await fake.until(() => q(host, ".sc-consent")!.dataset.consent === "granted", "granted again");
    expect(consentPuts(fake).map(([, body]) => body)).toEqual([{ consent: false }, { consent: true }]);
    expect(q(host, ".sc-status")!.dataset.status).not.toBe("declined");
    // The one stream went on: no second connection, nothing replayed twice.
    expect(fake.connections).toHaveLength(1);
  });

  it("Live_WithdrawnElsewhereDuringTheCall_TheStreamsConsentEventTurnsCoachingOffThenOnAgain", async () => {
    const fake = backend({ consentRequired: false, consent: true });
    const host = mount(fake, { autoStart: true });
    await fake.until(() => fake.connections.length === 1, "the stream");
    fake.connections[0]!.send(tip("t1"));
    await fake.until(() => q(host, ".sc-tip") !== null, "a tip");

    // Another screen (or a telephony integration) records the withdrawal: the backend tells every open stream.
    const consentEvent = (id: string, consent: boolean) =>
      `id: ${id}\nevent: consent\ndata: ${JSON.stringify({ consent, consentAt: "2025-01-06T09:01:00Z" })}\n\n`;
    fake.connections[0]!.send(consentEvent("2", false));
    await fake.until(() => q(host, ".sc-status")!.dataset.status === "declined", "declined");
    expect(q(host, ".sc-consent")!.dataset.consent).toBe("refused");
    expect(host.querySelectorAll(".sc-tip")).toHaveLength(1);

    fake.connections[0]!.send(consentEvent("3", true));
    await fake.until(() => q(host, ".sc-consent")!.dataset.consent === "granted", "granted again");
    expect(q(host, ".sc-status")!.dataset.status).not.toBe("declined");
    // The panel only followed the stream: it recorded nothing itself and kept its one connection.
    expect(consentPuts(fake)).toEqual([]);
    expect(fake.connections).toHaveLength(1);
  });

  it("Asking_ConsentRecordedElsewhere_ThePanelFollowsAndGoesLive", async () => {
    const fake = backend({ consentRequired: true });
    const host = mount(fake, { autoStart: true });
    await fake.until(() => q(host, '[data-consent="asking"]') !== null, "the question");
    const reads = () => calls(fake, (r) => r.method === "GET" && r.url.endsWith("/interactions/int-1")).length;
    await fake.until(() => reads() >= 2, "the interaction read again");
    expect(streams(fake)).toBe(0);

    // A telephony integration records the customer's yes on the interaction.
    await fake.fetch("http://api.test/api/v1/interactions/int-1/consent", { method: "PUT", body: JSON.stringify({ consent: true }) });

    await fake.until(() => fake.connections.length === 1, "the stream");
    expect(q(host, ".sc-consent")!.dataset.consent).toBe("granted");
  });

  it("Attach_AnInteractionWhoseCustomerRefused_ShowsTheRefusalAndDoesNotStream", async () => {
    const fake = backend({ consentRequired: false, consent: false });
    const host = mount(fake, { interactionId: "int-1", user: { id: "rep-1", language: "de" } });
    await fake.until(() => q(host, '[data-consent="refused"]') !== null, "the refusal");

    expect(q(host, ".sc-consent-text")!.textContent).toBe("Der Kunde hat abgelehnt: Von diesem Gespräch wird nichts aufgezeichnet oder ausgewertet.");
    expect(q(host, '[data-action="consent-grant"]')!.textContent).toBe("Kunde stimmt jetzt zu");
    await new Promise((r) => setTimeout(r, 30));
    expect(streams(fake)).toBe(0);
  });

  it("Attach_ConsentCannotBeRead_GoesLiveAsBefore", async () => {
    const fake = new FakeBackend().sse().json("POST", /recommendations$/, 200, { items: [] });
    const host = mount(fake, { interactionId: "int-9" });
    await fake.until(() => fake.connections.length === 1, "the stream");
    expect(q(host, ".sc-consent")!.hidden).toBe(true);
  });

  it("RecordConsent_CallAlreadyEnded_ALocalisedMessageNotTheGenericError", async () => {
    const fake = backend({ consentRequired: true }, jsonResponse(409, problem("urn:salescoach:problem:interaction-completed")));
    const host = mount(fake, { autoStart: true, user: { id: "rep-1", language: "fr" } });
    await fake.until(() => q(host, '[data-action="consent-grant"]') !== null, "the question");

    click(host, "consent-grant");
    await fake.until(() => !q(host, ".sc-notice")!.hidden, "the notice");

    const notice = q(host, ".sc-notice")!;
    expect(notice.textContent).toBe("Cet appel est déjà terminé : son consentement ne peut plus être modifié.");
    expect(notice.dataset.notice).toBe("problemCallEnded");
    expect(notice.textContent).not.toContain("Un problème est survenu");
    expect(q<HTMLButtonElement>(host, '[data-action="consent-grant"]')!.disabled).toBe(false);
  });

  it.each(languages)("ConsentProblem409_%s_ShownInTheRepsLanguage", async (language) => {
    for (const [type, key] of [
      ["urn:salescoach:problem:consent-required", "problemConsentRequired"],
      ["urn:salescoach:problem:consent-refused", "problemConsentRefused"],
    ] as const) {
      const fake = new FakeBackend().on("POST", /interactions$/, () => jsonResponse(409, problem(type)));
      const host = mount(fake, { autoStart: true, user: { id: "rep-1", language } });
      await fake.until(() => !q(host, ".sc-notice")!.hidden, "the notice");
      expect(q(host, ".sc-notice")!.textContent).toBe(translator(language)(key));
      expect(q(host, ".sc-notice")!.textContent).not.toContain("English detail");
      panel!.destroy();
    }
  });
});

describe("CoachPanel write-back watch", () => {
  function completedCall(jobs: Record<string, unknown>[]) {
    const fake = backend({ consentRequired: false });
    let read = 0;
    fake.on("GET", /\/writeback$/, () => jsonResponse(200, { interactionId: "int-1", crm: "salesforce", ...jobs[Math.min(read++, jobs.length - 1)] }));
    return fake;
  }

  it("Complete_TheRepsSalesforceAuthorizationWasRevoked_TellsThemToReopenTheApp", async () => {
    const fake = completedCall([{ status: "pending" }, { status: "failed", errorCode: "crm_authorization_revoked", lastError: "invalid_grant" }]);
    const host = mount(fake, { autoStart: true, watchWriteBack: true, user: { id: "005U", language: "zh_CN" } });
    await fake.until(() => fake.connections.length === 1, "the stream");
    click(host, "end");

    await fake.until(() => q(host, '.sc-notice[data-notice="writeBackReauthorize"]') !== null, "the reauthorize notice");
    expect(q(host, ".sc-notice")!.textContent).toBe(translator("zh")("writeBackReauthorize"));
    expect(q(host, ".sc-notice")!.getAttribute("role")).toBe("alert");
    expect(q(host, ".sc-section--summary")!.hidden).toBe(false);
    expect(calls(fake, (r) => r.url.endsWith("/int-1/writeback")).length).toBe(2);
  });

  it("Complete_WrittenOrFailedForAnotherReason_NoNotice", async () => {
    for (const job of [{ status: "written" }, { status: "failed", errorCode: null, lastError: "Forbidden (403)" }]) {
      const fake = completedCall([job]);
      const host = mount(fake, { autoStart: true, watchWriteBack: true });
      await fake.until(() => fake.connections.length === 1, "the stream");
      click(host, "end");
      await fake.until(() => calls(fake, (r) => r.url.endsWith("/writeback")).length === 1, "the job read");
      await new Promise((r) => setTimeout(r, 20));
      expect(q(host, ".sc-notice")!.hidden).toBe(true);
      panel!.destroy();
    }
  });

  it("Complete_WithoutWatchWriteBack_NeverReadsTheJob", async () => {
    const fake = completedCall([{ status: "failed", errorCode: "crm_session_expired" }]);
    const host = mount(fake, { autoStart: true });
    await fake.until(() => fake.connections.length === 1, "the stream");
    click(host, "end");
    await fake.until(() => !q(host, ".sc-section--summary")!.hidden, "the summary");
    await new Promise((r) => setTimeout(r, 20));
    expect(calls(fake, (r) => r.url.endsWith("/writeback"))).toHaveLength(0);
  });
});
