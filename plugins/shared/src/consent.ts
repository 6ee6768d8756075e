// The customer's consent to recording and coaching, as every adapter shows it. Framework-free and
// dependent on the strings only, so the HubSpot card runs this same file (scripts/sync-i18n.mjs copies it).
import type { StringKey } from "./i18n";

/**
 * - `asking`: the tenant requires consent and none is recorded; coaching waits for the rep's answer.
 * - `granted` / `refused`: recorded on the interaction (`refused` also after a withdrawal).
 * - `not-asked`: not required and not recorded; the call is coached, and the rep can still record an objection.
 */
export type ConsentState = "not-asked" | "asking" | "granted" | "refused";

/** What the backend says of an interaction (the answer of POST or GET /api/v1/interactions). */
export interface ConsentFacts {
  consent?: boolean | null;
  consentRequired?: boolean;
}

export function consentStateOf(facts: ConsentFacts): ConsentState {
  if (facts.consent === true) return "granted";
  if (facts.consent === false) return "refused";
  return facts.consentRequired === true ? "asking" : "not-asked";
}

/**
 * The state a `consent` event of the interaction's stream announces (`{consent, consentAt}`: recorded or withdrawn
 * during the call, by this panel or anywhere else); undefined for anything else.
 */
export function consentStateOfEvent(data: unknown): ConsentState | undefined {
  const consent = (data as ConsentFacts | null | undefined)?.consent;
  return typeof consent === "boolean" ? consentStateOf({ consent }) : undefined;
}

/** Whether the panel shows live coaching; the backend applies the same rule to the call's segments. */
export function mayCoach(state: ConsentState): boolean {
  return state === "granted" || state === "not-asked";
}

export type ConsentAction = "grant" | "refuse" | "withdraw";

export interface ConsentChoice {
  action: ConsentAction;
  label: StringKey;
  /** What PUT .../consent records. */
  consent: boolean;
}

/** The consent line for a state: what it says and the answers the rep can record from there (the first is the main one). */
export function consentPrompt(state: ConsentState): { text: StringKey; choices: ConsentChoice[] } {
  switch (state) {
    case "asking":
      return {
        text: "consentAsk",
        choices: [
          { action: "grant", label: "consentGrant", consent: true },
          { action: "refuse", label: "consentRefuse", consent: false },
        ],
      };
    case "granted":
      return { text: "consentGranted", choices: [{ action: "withdraw", label: "consentWithdraw", consent: false }] };
    case "refused":
      return { text: "consentRefused", choices: [{ action: "grant", label: "consentGrantNow", consent: true }] };
    default:
      return { text: "consentNotRequired", choices: [{ action: "refuse", label: "consentObjects", consent: false }] };
  }
}

/** The problem types the backend gives its consent conflicts (RFC 9457 `type`). */
export const consentProblemTypes = {
  consentRequired: "urn:salescoach:problem:consent-required",
  consentRefused: "urn:salescoach:problem:consent-refused",
  interactionCompleted: "urn:salescoach:problem:interaction-completed",
} as const;

/** The message for a 409 with one of those types; undefined for any other error, which keeps its usual message. */
export function consentProblemKey(status: number, problem: { type?: string } | null | undefined): StringKey | undefined {
  if (status !== 409) return undefined;
  switch (problem?.type) {
    case consentProblemTypes.consentRequired:
      return "problemConsentRequired";
    case consentProblemTypes.consentRefused:
      return "problemConsentRefused";
    case consentProblemTypes.interactionCompleted:
      return "problemCallEnded";
    default:
      return undefined;
  }
}
