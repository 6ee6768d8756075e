import type { StringKey, Translate } from "./i18n";
import { button, el, uniqueId } from "./render/dom";

/** The panel's fixed skeleton; sections are filled by the panel as state changes. */
export class PanelView {
  readonly root: HTMLElement;
  readonly status: HTMLElement;
  readonly notice: HTMLElement;
  readonly consent: HTMLElement;
  readonly announce: HTMLElement;
  readonly startButton: HTMLButtonElement;
  readonly endButton: HTMLButtonElement;
  readonly tipList: HTMLOListElement;
  readonly noTips: HTMLElement;
  readonly content: HTMLElement;
  readonly metrics: HTMLElement;
  readonly summarySection: HTMLElement;
  readonly summary: HTMLElement;
  private readonly labels: [HTMLElement, StringKey][] = [];

  constructor(host: HTMLElement, onStart: () => void, onEnd: () => void) {
    const heading = (level: "h2" | "h3", key: StringKey): HTMLElement => {
      const h = el(level, { attrs: { id: uniqueId("sc-h") } });
      this.labels.push([h, key]);
      return h;
    };
    const section = (key: StringKey, className: string, ...body: HTMLElement[]): HTMLElement => {
      const h = heading("h3", key);
      return el("section", { class: `sc-section ${className}`, attrs: { "aria-labelledby": h.id } }, h, ...body);
    };

    const title = heading("h2", "title");
    this.status = el("span", { class: "sc-status", attrs: { role: "status", "aria-live": "polite" } });
    this.startButton = button("", onStart, "sc-button sc-button--primary", { "data-action": "start" });
    this.endButton = button("", onEnd, "sc-button", { "data-action": "end" });
    this.labels.push([this.startButton, "start"], [this.endButton, "end"]);
    this.notice = el("div", { class: "sc-notice", attrs: { role: "alert" } });
    this.notice.hidden = true;
    this.consent = el("div", { class: "sc-consent", attrs: { role: "group", "aria-live": "polite" } });
    this.consent.hidden = true;
    this.announce = el("div", { class: "sc-visually-hidden", attrs: { "aria-live": "polite" } });

    this.tipList = el("ol", { class: "sc-tip-list", attrs: { "aria-live": "polite", "aria-relevant": "additions" } });
    this.noTips = el("p", { class: "sc-empty" });
    this.labels.push([this.noTips, "noTips"]);
    this.content = el("div", { class: "sc-content" });
    this.metrics = el("div", { class: "sc-metrics" });
    this.summary = el("div", { class: "sc-summary" });
    this.summarySection = section("summaryHeading", "sc-section--summary", this.summary);
    this.summarySection.hidden = true;

    this.root = el(
      "section",
      { class: "sc-panel", attrs: { "aria-labelledby": title.id, "data-salescoach": "panel" } },
      el("header", { class: "sc-header" }, title, this.status, el("div", { class: "sc-header-actions" }, this.startButton, this.endButton)),
      this.consent,
      this.notice,
      this.announce,
      this.summarySection,
      section("tipsHeading", "sc-section--tips", this.noTips, this.tipList),
      section("contentHeading", "sc-section--content", this.content),
      section("metricsHeading", "sc-section--metrics", this.metrics),
    );
    host.replaceChildren(this.root);
  }

  /** Re-labels the fixed texts (headings, buttons) in a new language. */
  relabel(t: Translate): void {
    for (const [node, key] of this.labels) node.textContent = t(key);
  }
}
