import type { TokenProvider } from "./api-client";
import type { CompleteResult, ContentItem, CrmKind, RecordRef } from "./types";

/** What a host (canvas page, PCF control, tests) gives the panel. */
export interface CoachPanelOptions {
  apiBase: string;
  getToken: TokenProvider;
  crm: CrmKind;
  record: RecordRef;
  user: { id: string; language?: string | number };
  interactionId?: string;
  autoStart?: boolean;
  channel?: string;
  /** Extra recommendation context from the CRM record (stage, industry, products...), or a read of it. */
  context?: Record<string, unknown> | (() => Promise<Record<string, unknown>>);
  fetch?: typeof fetch;
  openUrl?: (url: string) => void;
  share?: (item: ContentItem) => void | Promise<void>;
  onInteraction?: (interactionId: string) => void;
  onCompleted?: (result: CompleteResult) => void;
  /** Called after every visible change (the canvas page resizes its frame). */
  onRender?: () => void;
  /**
   * After "End and summarize", read the write-back job and tell the rep when the summary could not reach the CRM for want
   * of their authorization (the canvas app: a revoked or expired Salesforce session).
   */
  watchWriteBack?: boolean;
  /** How often the interaction is read again while the panel waits for the customer's consent (ms; default 3000). */
  consentPollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  streamSleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}
