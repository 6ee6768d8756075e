import { mountCoachPanel, type CoachPanel, type CompleteResult, type TokenProvider } from "@salescoach/shared";
import { MsalTokenProvider } from "./auth/msal-token-provider";
import type { IInputs, IOutputs } from "./generated/ManifestTypes";
import { recordOf } from "./record-context";
import { recommendationContext } from "./record-fields";

/** Longest summary written back to the bound column (Dataverse multi-line text default max). */
const maxNotesLength = 2000;

export class SalesCoachPanel implements ComponentFramework.StandardControl<IInputs, IOutputs> {
  private container!: HTMLDivElement;
  private notifyOutputChanged!: () => void;
  private panel: CoachPanel | undefined;
  private panelKey = "";
  private notes: string | undefined;
  private tokenProvider: TokenProvider | undefined;
  private injectedToken: TokenProvider | undefined;
  /** Set by a host before init to show an existing interaction instead of opening one. */
  interactionId: string | undefined;

  /** Lets a host without Entra (the sandbox) supply the bearer token instead of MSAL. */
  useTokenProvider(provider: TokenProvider): void {
    this.injectedToken = provider;
  }

  public init(
    context: ComponentFramework.Context<IInputs>,
    notifyOutputChanged: () => void,
    _state: ComponentFramework.Dictionary,
    container: HTMLDivElement,
  ): void {
    this.container = container;
    this.notifyOutputChanged = notifyOutputChanged;
    context.mode.trackContainerResize(true);
    this.render(context);
  }

  public updateView(context: ComponentFramework.Context<IInputs>): void {
    this.render(context);
  }

  public getOutputs(): IOutputs {
    return { coachingNotes: this.notes };
  }

  public destroy(): void {
    this.panel?.destroy();
    this.panel = undefined;
  }

  private render(context: ComponentFramework.Context<IInputs>): void {
    const record = recordOf(context);
    const backendUrl = context.parameters.backendUrl?.raw ?? "";
    // A new record or backend means a new panel; anything else (language, size) updates in place.
    const key = `${record?.type}|${record?.id}|${backendUrl}`;
    if (this.panel && key === this.panelKey) {
      this.panel.setLanguage(context.userSettings.languageId);
      return;
    }
    this.panel?.destroy();
    this.panelKey = key;
    if (!record) {
      // A new record that is not saved yet has no id to coach on.
      this.container.replaceChildren();
      return;
    }
    const host = document.createElement("div");
    host.className = "salescoach-pcf";
    this.container.replaceChildren(host);
    this.panel = mountCoachPanel(host, {
      apiBase: backendUrl,
      getToken: this.tokenFor(context),
      crm: "dynamics",
      record,
      user: { id: context.userSettings.userId.replace(/[{}]/g, "").toLowerCase(), language: context.userSettings.languageId },
      interactionId: this.interactionId,
      autoStart: context.parameters.autoStart?.raw === true,
      context: () => recommendationContext(context.webAPI, record.type, record.id),
      openUrl: (url) => context.navigation.openUrl(url),
      onInteraction: (interactionId) =>
        window.dispatchEvent(
          new CustomEvent("salescoach:interaction", {
            detail: { crm: "dynamics", interactionId, recordType: record.type, recordId: record.id },
          }),
        ),
      onCompleted: (result) => this.writeNotes(result),
    });
    // The host's interaction belongs to the first record only; another record starts fresh.
    this.interactionId = undefined;
  }

  private tokenFor(context: ComponentFramework.Context<IInputs>): TokenProvider {
    if (this.injectedToken) return this.injectedToken;
    if (!this.tokenProvider) {
      const msal = new MsalTokenProvider({
        clientId: context.parameters.entraClientId?.raw ?? "",
        tenantId: context.parameters.entraTenantId?.raw ?? "",
        scope: context.parameters.apiScope?.raw ?? "",
      });
      this.tokenProvider = () => msal.getToken();
    }
    return this.tokenProvider;
  }

  private writeNotes(result: CompleteResult): void {
    const summary = typeof result.summary === "string" ? result.summary.trim() : "";
    if (!summary) return;
    this.notes = summary.length > maxNotesLength ? `${summary.slice(0, maxNotesLength - 1)}…` : summary;
    this.notifyOutputChanged();
  }
}
