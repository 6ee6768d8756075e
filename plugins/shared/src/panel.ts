import { ApiClient, ApiError } from "./api-client";
import { EventStreamClient, type StreamStatus } from "./event-stream";
import { htmlLang, resolveLanguage, translator, type Language, type StringKey, type Translate } from "./i18n";
import { PanelView } from "./panel-view";
import { ContentSection } from "./content-section";
import { renderMetrics } from "./render/metrics";
import { renderSummary } from "./render/summary";
import { TipsSection } from "./tips-section";
import type { SseMessage } from "./sse-parser";
import type { CoachPanelOptions } from "./panel-options";
import type { CompleteResult, ContentItem, Metrics, Tip } from "./types";

export type { CoachPanelOptions } from "./panel-options";


type Status = "idle" | StreamStatus | "completed";
const statusKey: Record<Status, StringKey> = {
  idle: "statusIdle", connecting: "statusConnecting", open: "statusLive", reconnecting: "statusReconnecting",
  closed: "statusCompleted", unauthorized: "statusIdle", gone: "statusIdle", completed: "statusCompleted",
};

/** The live coaching panel: tips, content, metrics and summary for one CRM record. */
export class CoachPanel {
  readonly api: ApiClient;
  private readonly view: PanelView;
  private language: Language;
  private t: Translate;
  private id: string | undefined;
  private stream: EventStreamClient | undefined;
  private status: Status = "idle";
  private readonly tips: TipsSection;
  private readonly content: ContentSection;
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
    this.renderAll();
  }

  get interactionId(): string | undefined {
    return this.id;
  }

  get currentLanguage(): Language {
    return this.language;
  }

  setLanguage(value: string | number | undefined): void {
    const language = resolveLanguage(value);
    if (language === this.language) return;
    this.language = language;
    this.t = translator(language);
    this.renderAll();
  }

  /** Opens a new interaction for the record (unless attached already) and goes live. */
  async start(): Promise<void> {
    if (this.id) return;
    this.setStatus("connecting");
    try {
      const created = await this.api.createInteraction({
        crm: this.options.crm, recordType: this.options.record.type, recordId: this.options.record.id,
        repId: this.options.user.id, language: this.language, channel: this.options.channel ?? "call",
      });
      this.attach(created.id);
    } catch (error) {
      this.setStatus("idle");
      this.showError(error);
    }
  }

  /** Shows an existing interaction (given by the host, or switched to by a CRM event). */
  attach(interactionId: string): void {
    if (this.id === interactionId) return;
    this.stream?.stop();
    this.id = interactionId;
    this.tips.reset();
    this.content.reset();
    this.metrics = undefined;
    this.summary = undefined;
    this.renderAll();
    this.options.onInteraction?.(interactionId);
    this.stream = new EventStreamClient({
      url: this.api.eventsUrl(interactionId), getToken: this.options.getToken, fetch: this.options.fetch,
      sleep: this.options.streamSleep, onMessage: (m) => this.onMessage(m), onStatus: (s) => this.onStreamStatus(s),
    });
    void this.stream.run();
    void this.loadRecommendations(interactionId);
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
    this.stream?.stop();
    this.view.root.remove();
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
    this.summary = result;
    this.stream?.stop();
    this.setStatus("completed");
    this.setNotice(undefined);
    if (result.metrics) this.metrics = result.metrics;
    this.renderAll();
    this.options.onCompleted?.(result);
  }

  private showError(error: unknown): void {
    if (error instanceof ApiError && error.status === 401) this.setNotice("errorSession");
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
  }

  private setStatus(status: Status): void {
    this.status = status;
    this.renderStatus();
  }

  private renderStatus(): void {
    this.view.status.textContent = this.t(statusKey[this.status]);
    this.view.status.dataset.status = this.status;
    this.view.startButton.hidden = this.id !== undefined || this.status === "connecting";
    this.view.endButton.hidden = this.id === undefined || this.status === "completed";
  }

  private renderAll(): void {
    const { view, t } = this;
    view.root.setAttribute("lang", htmlLang(this.language));
    view.relabel(t);
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
