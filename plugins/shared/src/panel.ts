import { ApiClient, ApiError } from "./api-client";
import { consentProblemKey, consentStateOf, consentStateOfEvent, mayCoach, type ConsentFacts, type ConsentState } from "./consent";
import { ConsentSection } from "./consent-section";
import { EventStreamClient, type StreamStatus } from "./event-stream";
import { htmlLang, resolveLanguage, translator, type Language, type StringKey, type Translate } from "./i18n";
import { PanelView } from "./panel-view";
import { ContentSection } from "./content-section";
import { renderMetrics } from "./render/metrics";
import { renderSummary } from "./render/summary";
import { TipsSection } from "./tips-section";
import { needsReauthorization, settledWriteBack } from "./write-back";
import type { SseMessage } from "./sse-parser";
import type { CoachPanelOptions } from "./panel-options";
import type { CompleteResult, ContentItem, Metrics, Tip } from "./types";

export type { CoachPanelOptions } from "./panel-options";


type Status = "idle" | StreamStatus | "completed";
/** What the status badge shows: the stream's state, unless consent holds coaching back. */
type ShownStatus = Status | "consent" | "declined";
const statusKey: Record<ShownStatus, StringKey> = {
  idle: "statusIdle", connecting: "statusConnecting", open: "statusLive", reconnecting: "statusReconnecting",
  closed: "statusCompleted", unauthorized: "statusIdle", gone: "statusIdle", completed: "statusCompleted",
  consent: "statusConsent", declined: "statusDeclined",
};

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The live coaching panel: tips, content, metrics and summary for one CRM record. */
export class CoachPanel {
  readonly api: ApiClient;
  private readonly view: PanelView;
  private language: Language;
  private t: Translate;
  private id: string | undefined;
  /** Bumped whenever the panel leaves an interaction (or is destroyed): loops of the old one stop. */
  private generation = 0;
  private stream: EventStreamClient | undefined;
  private status: Status = "idle";
  private readonly tips: TipsSection;
  private readonly content: ContentSection;
  private readonly consent: ConsentSection;
  private metrics: Metrics | undefined;
  private summary: CompleteResult | undefined;
  private noticeKey: { key: StringKey; detail?: string } | undefined;

  constructor(host: HTMLElement, private readonly options: CoachPanelOptions) {
    this.language = resolveLanguage(options.user.language);
    this.t = translator(this.language);
    this.api = new ApiClient({ baseUrl: options.apiBase, getToken: options.getToken, fetch: options.fetch, sleep: options.sleep });
    this.view = new PanelView(host, () => void this.start(), () => void this.complete());
    this.tips = new TipsSection(this.view.tipList, this.view.noTips, {
      api: this.api, repId: options.user.id, interactionId: () => this.id, translate: () => this.t,
      announce: (key) => (this.view.announce.textContent = this.t(key)),
      onError: (error) => this.showError(error), rendered: () => this.rendered(),
    });
    this.content = new ContentSection(this.view.content, {
      api: this.api, repId: options.user.id, interactionId: () => this.id, openUrl: options.openUrl, share: options.share,
      announce: (key) => (this.view.announce.textContent = this.t(key)),
      onError: (error) => this.showError(error), rendered: () => this.rendered(),
    });
    this.consent = new ConsentSection(this.view.consent, {
      api: this.api, interactionId: () => this.id, translate: () => this.t,
      changed: (state) => this.onConsent(state), rendered: () => this.rendered(),
      // The interaction is gone (erased, or another tenant's): say so rather than "not found".
      onError: (error) => (error instanceof ApiError && error.status === 404 ? this.setNotice("sessionGone") : this.showError(error)),
    });
    this.renderAll();
  }

  get interactionId(): string | undefined {
    return this.id;
  }

  get currentLanguage(): Language {
    return this.language;
  }

  /** The customer's consent on the open interaction; undefined before one opens or when it could not be read. */
  get consentState(): ConsentState | undefined {
    return this.consent.current;
  }

  setLanguage(value: string | number | undefined): void {
    const language = resolveLanguage(value);
    if (language === this.language) return;
    this.language = language;
    this.t = translator(language);
    this.renderAll();
  }

  /**
   * Opens a new interaction for the record (unless attached already). It goes live at once unless the tenant requires
   * consent: then the panel asks the rep for the customer's answer first.
   */
  async start(): Promise<void> {
    if (this.id) return;
    this.setStatus("connecting");
    try {
      const created = await this.api.createInteraction({
        crm: this.options.crm, recordType: this.options.record.type, recordId: this.options.record.id,
        repId: this.options.user.id, language: this.language, channel: this.options.channel ?? "call",
      });
      this.open(created.id, created);
    } catch (error) {
      this.setStatus("idle");
      this.showError(error);
    }
  }

  /** Shows an existing interaction (given by the host, or switched to by a CRM event), after reading its consent. */
  attach(interactionId: string): void {
    if (this.id === interactionId) return;
    this.open(interactionId, undefined);
  }

  async complete(): Promise<void> {
    if (!this.id || this.summary) return;
    try {
      this.showSummary(await this.api.complete(this.id));
    } catch (error) {
      this.showError(error);
    }
  }

  destroy(): void {
    this.generation++;
    this.stream?.stop();
    this.view.root.remove();
  }

  private open(interactionId: string, facts: ConsentFacts | undefined): void {
    this.generation++;
    this.stream?.stop();
    this.stream = undefined;
    this.id = interactionId;
    this.tips.reset();
    this.content.reset();
    this.metrics = undefined;
    this.summary = undefined;
    this.noticeKey = undefined;
    this.consent.set(undefined);
    this.status = "connecting";
    this.renderAll();
    this.options.onInteraction?.(interactionId);
    if (facts) this.consent.set(consentStateOf(facts));
    else void this.readConsent(interactionId, this.generation);
  }

  /** An interaction the host named: its consent decides whether it goes live; if it cannot be read, the stream says more. */
  private async readConsent(interactionId: string, generation: number): Promise<void> {
    let state: ConsentState | undefined;
    try {
      state = consentStateOf(await this.api.getInteraction(interactionId));
    } catch {
      state = undefined;
    }
    if (generation !== this.generation) return;
    if (state) this.consent.set(state);
    else this.goLive();
  }

  private onConsent(state: ConsentState): void {
    if (!this.summary && this.id) {
      if (mayCoach(state)) {
        this.clearConsentNotice();
        this.goLive();
      } else if (state === "asking") {
        void this.watchConsent(this.id, this.generation);
      }
    }
    this.renderStatus();
  }

  /** Stream and recommendations of the open interaction; once per interaction (a withdrawal keeps the stream). */
  private goLive(): void {
    const interactionId = this.id;
    if (!interactionId || this.stream || this.summary) return;
    this.stream = new EventStreamClient({
      url: this.api.eventsUrl(interactionId), getToken: this.options.getToken, fetch: this.options.fetch,
      sleep: this.options.streamSleep, onMessage: (m) => this.onMessage(m), onStatus: (s) => this.onStreamStatus(s),
    });
    void this.stream.run();
    void this.loadRecommendations(interactionId);
    this.renderStatus();
  }

  /**
   * While the panel asks, the answer may be recorded elsewhere (a telephony integration, the panel on another screen):
   * the interaction is read again now and then, and the panel follows what it says.
   */
  private async watchConsent(interactionId: string, generation: number): Promise<void> {
    const every = this.options.consentPollMs ?? 3000;
    while (generation === this.generation && this.consent.current === "asking") {
      await defaultSleep(every);
      if (generation !== this.generation || this.consent.current !== "asking") return;
      try {
        const info = await this.api.getInteraction(interactionId);
        if (generation === this.generation && this.consent.current === "asking" && typeof info.consent === "boolean") {
          this.consent.set(consentStateOf(info));
        }
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
          this.setNotice("sessionGone");
          return;
        }
      }
    }
  }

  private clearConsentNotice(): void {
    const key = this.noticeKey?.key;
    if (key === "problemConsentRequired" || key === "problemConsentRefused") this.setNotice(undefined);
  }

  private async loadRecommendations(interactionId: string): Promise<void> {
    try {
      const extra = typeof this.options.context === "function"
        ? await this.options.context().catch(() => ({})) // a failed CRM read only makes the ranking less specific
        : this.options.context;
      const items = await this.api.recommendations({
        interactionId, context: { crm: this.options.crm, recordType: this.options.record.type, ...extra },
        language: this.language, limit: 5,
      });
      // A content event may have arrived first; it is newer, so keep it.
      if (this.id === interactionId && this.content.isEmpty) this.content.set(items, this.t);
    } catch (error) {
      this.showError(error);
    }
  }

  private onMessage(message: SseMessage): void {
    let data: unknown;
    try {
      data = JSON.parse(message.data);
    } catch {
      return;
    }
    switch (message.event) {
      case "tip":
        this.tips.add(data as Tip);
        break;
      case "metrics":
        this.metrics = data as Metrics;
        this.view.metrics.replaceChildren(renderMetrics(this.metrics, this.t));
        this.rendered();
        break;
      case "consent": {
        // Recorded or withdrawn anywhere (another screen, a telephony integration): the panel follows the backend.
        const state = consentStateOfEvent(data);
        if (state) this.consent.set(state);
        break;
      }
      case "content":
        this.content.set(Array.isArray(data) ? (data as ContentItem[]) : ((data as { items?: ContentItem[] }).items ?? []), this.t);
        break;
      case "summary":
      case "completed":
        this.showSummary(data as CompleteResult);
        break;
      default:
        break;
    }
  }

  private onStreamStatus(status: StreamStatus): void {
    if (this.status === "completed") return;
    if (status === "unauthorized") this.setNotice("errorSession");
    else if (status === "gone") this.setNotice("sessionGone");
    else if (status === "reconnecting") this.setNotice("errorNetwork");
    else if (status === "open") this.setNotice(undefined);
    this.setStatus(status);
  }

  private showSummary(result: CompleteResult): void {
    if (!result || typeof result !== "object") return;
    const first = !this.summary;
    this.summary = result;
    this.stream?.stop();
    this.setStatus("completed");
    this.setNotice(undefined);
    if (result.metrics) this.metrics = result.metrics;
    this.renderAll();
    this.options.onCompleted?.(result);
    if (first && this.options.watchWriteBack && this.id) void this.watchWriteBack(this.id, this.generation);
  }

  /** After the call: tells the rep when the summary could not reach the CRM for want of their authorization. */
  private async watchWriteBack(interactionId: string, generation: number): Promise<void> {
    const job = await settledWriteBack(this.api, interactionId, this.options.sleep ?? defaultSleep, () => generation !== this.generation);
    if (generation === this.generation && needsReauthorization(job)) this.setNotice("writeBackReauthorize");
  }

  private showError(error: unknown): void {
    const consentKey = error instanceof ApiError ? consentProblemKey(error.status, error.problem) : undefined;
    if (consentKey) this.setNotice(consentKey);
    else if (error instanceof ApiError && error.status === 401) this.setNotice("errorSession");
    else if (error instanceof ApiError && error.status === 0) this.setNotice("errorNetwork");
    else {
      const detail = error instanceof ApiError ? (error.problem?.detail ?? error.problem?.title ?? error.message) : String(error);
      this.setNotice("errorGeneric", detail);
    }
  }

  private setNotice(key: StringKey | undefined, detail?: string): void {
    this.noticeKey = key ? { key, detail } : undefined;
    this.renderNotice();
    this.rendered();
  }

  private renderNotice(): void {
    const n = this.noticeKey;
    this.view.notice.hidden = !n;
    this.view.notice.textContent = n ? this.t(n.key, { detail: n.detail ?? "" }) : "";
    if (n) this.view.notice.dataset.notice = n.key;
    else delete this.view.notice.dataset.notice;
  }

  private setStatus(status: Status): void {
    this.status = status;
    this.renderStatus();
  }

  private shownStatus(): ShownStatus {
    if (this.status === "completed") return "completed";
    const consent = this.consent.current;
    if (consent === "refused") return "declined";
    if (consent === "asking" && !this.stream) return "consent";
    return this.status;
  }

  private renderStatus(): void {
    const shown = this.shownStatus();
    this.view.status.textContent = this.t(statusKey[shown]);
    this.view.status.dataset.status = shown;
    this.view.startButton.hidden = this.id !== undefined || this.status === "connecting";
    // Ending makes a summary: there is one to make only once the call was coached.
    this.view.endButton.hidden = this.stream === undefined || this.status === "completed";
    this.view.consent.hidden = this.consent.current === undefined || this.status === "completed";
  }

  private renderAll(): void {
    const { view, t } = this;
    view.root.setAttribute("lang", htmlLang(this.language));
    view.relabel(t);
    this.consent.render(t);
    this.renderStatus();
    this.renderNotice();
    this.tips.render(t);
    this.content.render(t);
    view.metrics.replaceChildren(renderMetrics(this.metrics, t));
    view.summarySection.hidden = !this.summary;
    view.summary.replaceChildren(...(this.summary ? [renderSummary(this.summary, t)] : []));
    this.rendered();
  }

  private rendered(): void {
    this.options.onRender?.();
  }
}

/** Creates the panel in host and starts it as the options say (attach, auto-start, or wait for the button). */
export function mountCoachPanel(host: HTMLElement, options: CoachPanelOptions): CoachPanel {
  const panel = new CoachPanel(host, options);
  if (options.interactionId) panel.attach(options.interactionId);
  else if (options.autoStart) void panel.start();
  return panel;
}
