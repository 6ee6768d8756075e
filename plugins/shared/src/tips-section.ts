import type { ApiClient } from "./api-client";
import type { Translate } from "./i18n";
import { renderTip } from "./render/tips";
import type { Tip, TipFeedback } from "./types";

export interface TipsSectionOptions {
  api: ApiClient;
  repId: string;
  interactionId: () => string | undefined;
  translate: () => Translate;
  announce: (key: "thanks") => void;
  onError: (error: unknown) => void;
  rendered: () => void;
}

const maxTips = 50;

/** Live tips, newest first, with helpful / not helpful feedback posted once per tip. */
export class TipsSection {
  private tips: Tip[] = [];
  private readonly feedback = new Map<string, TipFeedback>();

  constructor(
    private readonly list: HTMLOListElement,
    private readonly empty: HTMLElement,
    private readonly options: TipsSectionOptions,
  ) {}

  reset(): void {
    this.tips = [];
  }

  /** Adds one tip at the top; a tip already shown (a replay after reconnecting) is ignored. */
  add(tip: Tip): void {
    if (!tip || typeof tip.id !== "string" || this.tips.some((x) => x.id === tip.id)) return;
    this.tips.unshift(tip);
    this.list.prepend(this.item(tip, this.options.translate()));
    while (this.tips.length > maxTips) {
      this.tips.pop();
      this.list.lastElementChild?.remove();
    }
    this.empty.hidden = true;
    this.options.rendered();
  }

  render(t: Translate): void {
    this.list.replaceChildren(...this.tips.map((tip) => this.item(tip, t)));
    this.empty.hidden = this.tips.length > 0;
  }

  private item(tip: Tip, t: Translate): HTMLLIElement {
    return renderTip(tip, t, this.feedback.get(tip.id), (x, type) => void this.send(x, type));
  }

  private async send(tip: Tip, type: TipFeedback): Promise<void> {
    const interactionId = this.options.interactionId();
    if (!interactionId || this.feedback.has(tip.id)) return;
    this.feedback.set(tip.id, type);
    this.list.querySelector(`[data-tip-id="${CSS.escape(tip.id)}"]`)?.replaceWith(this.item(tip, this.options.translate()));
    this.options.announce("thanks");
    this.options.rendered();
    try {
      await this.options.api.postTipFeedback(interactionId, tip.id, type, this.options.repId);
    } catch (error) {
      this.options.onError(error);
    }
  }
}
