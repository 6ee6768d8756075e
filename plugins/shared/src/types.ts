/** Shapes of HTTP API v1 as the adapters read them (see DESIGN.md). */
export type CrmKind = "salesforce" | "dynamics" | "hubspot";
export type Severity = "info" | "suggest" | "warn";

export interface Tip {
  id: string;
  kind: string;
  title: string;
  message: string;
  language?: string;
  severity: Severity;
  segmentSeq?: number;
  contentIds?: string[];
}

/** A sentence the backend wrote in the requested language, with the code and parameters it came from. */
export interface CodedText {
  code: string;
  params: Record<string, string>;
  text: string;
}

export interface ContentItem {
  contentId: string;
  title: string;
  type: string;
  url?: string | null;
  score?: number;
  /** Already in the request's language; `reasonDetails` has the same reasons with their codes. */
  reasons?: string[];
  reasonDetails?: CodedText[];
}

/** Metrics as sent by the coaching engine; every field optional so the UI shows what it gets. */
export type Metrics = Record<string, unknown>;

export interface CompleteResult {
  /** In `language` (the interaction's); `summaryDetails` has the same sentences with their codes. */
  summary?: string;
  language?: string;
  summaryDetails?: CodedText[];
  warnings?: string[];
  warningDetails?: CodedText[];
  metrics?: Metrics;
  signals?: unknown[];
  nextSteps?: unknown[];
  recommendedContent?: unknown[];
}

export interface CreateInteraction {
  crm: CrmKind;
  recordType: string;
  recordId: string;
  repId: string;
  language: string;
  channel: string;
}

/** An interaction as POST and GET /api/v1/interactions answer it (the fields the adapters read). */
export interface InteractionInfo {
  id: string;
  status?: string;
  /** The customer's answer: true, false (refused or withdrawn), null (not recorded). */
  consent?: boolean | null;
  /** Whether the tenant requires consent before a conversation is coached. */
  consentRequired?: boolean;
}

/** The after-call write-back job (GET /api/v1/interactions/{id}/writeback). */
export interface WriteBackJob {
  status: "pending" | "written" | "skipped" | "failed" | string;
  crm?: string;
  /** Why it failed, when the rep can clear it: crm_authorization_revoked, crm_session_expired. */
  errorCode?: string | null;
}

export interface RecordRef {
  type: string;
  id: string;
  name?: string;
}

export type ContentEventType = "impression" | "open" | "share" | "used" | "helpful" | "not_helpful";
export type TipFeedback = "helpful" | "not_helpful";

export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
}
