import type { ApiClient } from "./api-client";
import { consentPrompt, consentStateOf, type ConsentState } from "./consent";
import type { Translate } from "./i18n";
import { button, el } from "./render/dom";

export interface ConsentSectionOptions {
  api: ApiClient;
  interactionId: () => string | undefined;
  translate: () => Translate;
  /** The state changed, by the rep's answer or by one recorded elsewhere. */
  changed: (state: ConsentState) => void;
  onError: (error: unknown) => void;
  rendered: () => void;
}

/**
 * The consent line under the panel's header: asks the rep to record the customer's answer when the tenant requires it,
 * and lets them record a refusal or a withdrawal at any time during the call (PUT .../consent).
 */
export class ConsentSection {
  private state: ConsentState | undefined;
  private sending = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly options: ConsentSectionOptions,
  ) {}

  /** Undefined while no interaction is open, or when its consent could not be read. */
  get current(): ConsentState | undefined {
    return this.state;
  }

  set(state: ConsentState | undefined): void {
    if (state === this.state) return;
    this.state = state;
    this.render(this.options.translate());
    this.options.rendered();
    if (state) this.options.changed(state);
  }

  render(t: Translate): void {
    const state = this.state;
    this.root.hidden = state === undefined;
    if (!state) {
      this.root.replaceChildren();
      delete this.root.dataset.consent;
      return;
    }
    const prompt = consentPrompt(state);
    this.root.dataset.consent = state;
    const buttons = prompt.choices.map((choice, i) => {
      const b = button(t(choice.label), () => void this.record(choice.consent),
        i === 0 && state === "asking" ? "sc-button sc-button--primary sc-button--small" : "sc-button sc-button--small",
        { "data-action": `consent-${choice.action}` });
      b.disabled = this.sending;
      return b;
    });
    this.root.replaceChildren(el("p", { class: "sc-consent-text", text: t(prompt.text) }), el("div", { class: "sc-actions" }, ...buttons));
  }

  private async record(consent: boolean): Promise<void> {
    const interactionId = this.options.interactionId();
    if (!interactionId || this.sending) return;
    this.sending = true;
    this.render(this.options.translate());
    try {
      const answer = await this.options.api.recordConsent(interactionId, consent);
      this.sending = false;
      // The answer might belong to an interaction the panel has left meanwhile.
      if (this.options.interactionId() === interactionId) this.set(consentStateOf({ consent: answer?.consent ?? consent }));
    } catch (error) {
      this.sending = false;
      this.options.onError(error);
    } finally {
      this.render(this.options.translate());
      this.options.rendered();
    }
  }
}
