import { ApiClient, ApiError, type TokenProvider } from "./api-client";
import { EventStreamClient, type StreamStatus } from "./event-stream";
import { htmlLang, resolveLanguage, translator, type Language, type StringKey, type Translate } from "./i18n";
import { PanelView } from "./panel-view";
import { renderContentList } from "./render/content";
import { renderMetrics } from "./render/metrics";
import { renderSummary } from "./render/summary";
import { renderTip } from "./render/tips";
import type { SseMessage } from "./sse-parser";
import type { CompleteResult, ContentItem, CrmKind, Metrics, RecordRef, Tip, TipFeedback } from "./types";

export interface CoachPanelOptions {
  apiBase: string;
  getToken: TokenProvider;
  crm: CrmKind;
  record: RecordRef;
  user: { id: string; language?: string | number };
  interactionId?: string;
  autoStart?: boolean;
  channel?: string;
  /** Extra recommendation context from the CRM record (stage, industry, products...). */
  context?: Record<string, unknown>;
  fetch?: typeof fetch;
  openUrl?: (url: string) => void;
  share?: (item: ContentItem) => void | Promise<void>;
  onInteraction?: (interactionId: string) => void;
  onCompleted?: (result: CompleteResult) => void;
  /** Called after every visible change (the canvas page resizes its frame). */
  onRender?: () => void;
  sleep?: (ms: number) => Promise<void>;
  streamSleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

type Status = "idle" | StreamStatus | "completed";
const statusKey: Record<Status, StringKey> = {
  idle: "statusIdle", connecting: "statusConnecting", open: "statusLive", reconnecting: "statusReconnecting",
  closed: "statusCompleted", unauthorized: "statusIdle", completed: "statusCompleted",
};
const maxTips = 50;

/** The live coaching panel: tips, content, metrics and summary for one CRM record. */
export class CoachPanel {
  readonly api: ApiClient;
  private readonly view: PanelView;
  private language: Language;
  private t: Translate;
  private id: string | undefined;
  private stream: EventStreamClient | undefined;
  private status: Status = "idle";
  private tips: Tip[] = [];
  private readonly tipFeedback = new Map<string, TipFeedback>();
  private content: ContentItem[] = [];
  private readonly ratedContent = new Set<string>();
  private readonly impressions = new Set<string>();
  private metrics: Metrics | undefined;
  private summary: CompleteResult | undefined;
  private noticeKey: { key: StringKey; detail?: string } | undefined;

  constructor(host: HTMLElement, private readonly options: CoachPanelOptions) {
    this.language = resolveLanguage(options.user.language);
    this.t = translator(this.language);
    this.api = new ApiClient({ baseUrl: options.apiBase, getToken: options.getToken, fetch: options.fetch, sleep: options.sleep });
    this.view = new PanelView(host, () => void this.start(), () => void this.complete());
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
    this.tips = [];
    this.content = [];
    this.metrics = undefined;
    this.summary = undefined;
    this.impressions.clear();
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
      const items = await this.api.recommendations({
        interactionId, context: { crm: this.options.crm, recordType: this.options.record.type, ...this.options.context },
        language: this.language, limit: 5,
      });
      // A content event may have arrived first; it is newer, so keep it.
      if (this.id === interactionId && this.content.length === 0) this.setContent(items);
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
        this.addTip(data as Tip);
        break;
      case "metrics":
        this.metrics = data as Metrics;
        this.view.metrics.replaceChildren(renderMetrics(this.metrics, this.t));
        this.rendered();
        break;
      case "content":
        this.setContent(Array.isArray(data) ? (data as ContentItem[]) : ((data as { items?: ContentItem[] }).items ?? []));
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
    else if (status === "reconnecting") this.setNotice("errorNetwork");
    else if (status === "open") this.setNotice(undefined);
    this.setStatus(status);
  }

  private addTip(tip: Tip): void {
    if (!tip || typeof tip.id !== "string" || this.tips.some((x) => x.id === tip.id)) return;
    this.tips.unshift(tip);
    this.view.tipList.prepend(renderTip(tip, this.t, undefined, (x, type) => void this.sendTipFeedback(x, type)));
    while (this.tips.length > maxTips) {
      this.tips.pop();
      this.view.tipList.lastElementChild?.remove();
    }
    this.view.noTips.hidden = true;
    this.rendered();
  }

  private async sendTipFeedback(tip: Tip, type: TipFeedback): Promise<void> {
    if (!this.id || this.tipFeedback.has(tip.id)) return;
    this.tipFeedback.set(tip.id, type);
    this.view.tipList.querySelector(`[data-tip-id="${CSS.escape(tip.id)}"]`)?.replaceWith(
      renderTip(tip, this.t, type, () => undefined),
    );
    this.view.announce.textContent = this.t("thanks");
    this.rendered();
    try {
      await this.api.postTipFeedback(this.id, tip.id, type, this.options.user.id);
    } catch (error) {
      this.showError(error);
    }
  }

  private setContent(items: ContentItem[]): void {
    this.content = items.filter((x) => x && typeof x.contentId === "string" && typeof x.title === "string");
    this.renderContent();
    for (const item of this.content) {
      if (this.impressions.has(item.contentId)) continue;
      this.impressions.add(item.contentId);
      void this.postContentEvent(item, "impression");
    }
  }

  private renderContent(): void {
    this.view.content.replaceChildren(
      renderContentList(this.content, this.t, this.ratedContent, {
        open: (item) => this.openContent(item),
        share: (item) => void this.shareContent(item),
        helpful: (item) => {
          this.ratedContent.add(item.contentId);
          this.renderContent();
          void this.postContentEvent(item, "helpful");
        },
      }),
    );
    this.rendered();
  }

  private openContent(item: ContentItem): void {
    if (!item.url) return;
    // Open first, inside the click, so popup blockers allow it; then record the event.
    if (this.options.openUrl) this.options.openUrl(item.url);
    else window.open(item.url, "_blank", "noopener,noreferrer");
    void this.postContentEvent(item, "open");
  }

  private async shareContent(item: ContentItem): Promise<void> {
    if (!item.url) return;
    try {
      if (this.options.share) await this.options.share(item);
      else await navigator.clipboard?.writeText(item.url);
      this.view.announce.textContent = this.t("linkCopied");
    } catch {
      // Clipboard refused (no permission in a frame): the event still counts the intent.
    }
    await this.postContentEvent(item, "share");
  }

  private async postContentEvent(item: ContentItem, type: "impression" | "open" | "share" | "helpful"): Promise<void> {
    try {
      await this.api.postContentEvent(item.contentId, type, this.id, this.options.user.id);
    } catch (error) {
      if (type !== "impression") this.showError(error);
    }
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
    view.tipList.replaceChildren(
      ...this.tips.map((tip) => renderTip(tip, t, this.tipFeedback.get(tip.id), (x, type) => void this.sendTipFeedback(x, type))),
    );
    view.noTips.hidden = this.tips.length > 0;
    this.renderContent();
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
