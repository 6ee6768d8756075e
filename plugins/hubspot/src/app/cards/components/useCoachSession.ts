import { useCallback, useEffect, useRef, useState } from "react";
import { consentStateOf, consentStateOfEvent, mayCoach, type ConsentState } from "../consent";
import { BackendError, CoachBackend, recordTypeOf, type CompleteResult, type ContentItem, type Tip } from "./backend";

export interface SessionInput {
  backend: CoachBackend;
  portalId: number;
  userId: number;
  objectId: number | string;
  objectTypeId: string;
  language: string;
  pollIntervalMs: number;
  autoStart: boolean;
}

export type Feedback = "helpful" | "not_helpful";

export interface SessionState {
  interactionId?: string;
  /** `consent`: the interaction is open but not coached, until the customer's consent is recorded. */
  status: "idle" | "starting" | "consent" | "live" | "completed";
  /** The customer's consent on the open interaction (shared rules: plugins/shared/src/consent.ts). */
  consent?: ConsentState;
  /** A consent answer is on its way to the backend. */
  recordingConsent?: boolean;
  tips: Tip[];
  tipFeedback: Record<string, Feedback>;
  content: ContentItem[];
  ratedContent: Record<string, true>;
  metrics?: Record<string, unknown>;
  summary?: CompleteResult;
  error?: { status: number; detail: string; problemType?: string };
  /** Polling stopped for good: the backend refused (401/403) or forgot (404) the interaction. */
  halted?: boolean;
}

const maxTips = 50;

/** The card's live session: opens the interaction, records the customer's consent, polls its events, posts engagement. */
export function useCoachSession(input: SessionInput) {
  const { backend } = input;
  const [state, setState] = useState<SessionState>({ status: "idle", tips: [], tipFeedback: {}, content: [], ratedContent: {} });
  const lastEventId = useRef<string | undefined>(undefined);
  const polling = useRef(false);
  /** The interaction whose coaching started (events polled, recommendations asked for): at most once per interaction. */
  const coached = useRef<string | undefined>(undefined);
  const recordType = recordTypeOf(input.objectTypeId);

  const fail = useCallback((error: unknown) => {
    const e = error instanceof BackendError ? error : new BackendError(0, String(error));
    setState((s) => ({ ...s, error: { status: e.status, detail: e.message, problemType: e.problemType } }));
  }, []);

  const apply = useCallback((type: string, data: unknown) => {
    setState((s) => {
      switch (type) {
        case "tip": {
          const tip = data as Tip;
          if (!tip?.id || s.tips.some((t) => t.id === tip.id)) return s;
          return { ...s, tips: [tip, ...s.tips].slice(0, maxTips) };
        }
        case "metrics":
          return { ...s, metrics: data as Record<string, unknown> };
        case "content": {
          const items = Array.isArray(data) ? data : ((data as { items?: ContentItem[] })?.items ?? []);
          return { ...s, content: items as ContentItem[] };
        }
        case "consent": {
          // Recorded or withdrawn anywhere during the call: the card shows what the backend has.
          const consent = consentStateOfEvent(data);
          return consent && consent !== s.consent ? { ...s, consent } : s;
        }
        case "summary":
        case "completed":
          return { ...s, status: "completed", summary: data as CompleteResult };
        default:
          return s;
      }
    });
  }, []);

  /** Starts coaching the interaction once its consent allows it: events are polled (effect below) and content asked for. */
  const coach = useCallback(async (interactionId: string) => {
    if (coached.current === interactionId) return;
    coached.current = interactionId;
    setState((s) => (s.interactionId === interactionId && s.status === "consent" ? { ...s, status: "live" } : s));
    try {
      const items = await backend.recommendations({
        interactionId, context: { crm: "hubspot", recordType }, language: input.language, limit: 5,
      });
      setState((s) => (s.content.length === 0 ? { ...s, content: items } : s));
    } catch (error) {
      fail(error);
    }
  }, [backend, recordType, input.language, fail]);

  /** The consent as the backend now has it: shown, and coaching starts if it allows. */
  const consentIs = useCallback((interactionId: string, consent: ConsentState) => {
    setState((s) => {
      if (s.interactionId !== interactionId) return s;
      const consentError = s.error?.status === 409;
      return { ...s, consent, error: mayCoach(consent) && consentError ? undefined : s.error };
    });
    if (mayCoach(consent)) void coach(interactionId);
  }, [coach]);

  const start = useCallback(async () => {
    setState((s) => ({ ...s, status: "starting", error: undefined }));
    try {
      const created = await backend.createInteraction({
        crm: "hubspot", recordType, recordId: String(input.objectId), repId: String(input.userId),
        language: input.language, channel: "call",
      });
      lastEventId.current = undefined;
      setState((s) => ({ ...s, interactionId: created.id, status: "consent" }));
      consentIs(created.id, consentStateOf(created));
    } catch (error) {
      setState((s) => ({ ...s, status: s.interactionId ? s.status : "idle" }));
      fail(error);
    }
  }, [backend, recordType, input.objectId, input.userId, input.language, fail, consentIs]);

  useEffect(() => {
    if (input.autoStart) void start();
    // Start once per mounted record; later prop changes (language) must not open another interaction.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const { interactionId, status, halted, consent } = state;

  const recordConsent = useCallback(async (answer: boolean) => {
    if (!interactionId) return;
    setState((s) => ({ ...s, recordingConsent: true }));
    try {
      const recorded = await backend.recordConsent(interactionId, answer);
      setState((s) => ({ ...s, recordingConsent: false }));
      consentIs(interactionId, consentStateOf({ consent: recorded?.consent ?? answer }));
    } catch (error) {
      setState((s) => ({ ...s, recordingConsent: false }));
      fail(error);
    }
  }, [backend, interactionId, consentIs, fail]);

  // While the card asks, the answer may be recorded elsewhere (a telephony integration): follow the interaction.
  useEffect(() => {
    if (!interactionId || status !== "consent" || consent !== "asking") return undefined;
    const timer = setInterval(() => {
      backend.getInteraction(interactionId).then(
        (info) => { if (typeof info?.consent === "boolean") consentIs(interactionId, consentStateOf(info)); },
        () => undefined, // the next read tries again; the card keeps asking meanwhile
      );
    }, input.pollIntervalMs);
    return () => clearInterval(timer);
  }, [backend, interactionId, status, consent, input.pollIntervalMs, consentIs]);

  useEffect(() => {
    if (!interactionId || status !== "live" || halted) return undefined;
    const poll = async (): Promise<void> => {
      if (polling.current) return;
      polling.current = true;
      try {
        const result = await backend.poll(interactionId, lastEventId.current);
        for (const event of result.events ?? []) {
          lastEventId.current = event.id;
          apply(event.type, event.data);
        }
        if (result.completed) setState((s) => ({ ...s, status: "completed" }));
        setState((s) => (s.error?.status === 0 ? { ...s, error: undefined } : s));
      } catch (error) {
        fail(error);
        if (error instanceof BackendError && [401, 403, 404].includes(error.status)) setState((s) => ({ ...s, halted: true }));
      } finally {
        polling.current = false;
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), input.pollIntervalMs);
    return () => clearInterval(timer);
  }, [backend, interactionId, status, halted, input.pollIntervalMs, apply, fail]);

  const tipFeedback = useCallback(
    (tip: Tip, type: Feedback) => {
      if (!interactionId) return;
      setState((s) => ({ ...s, tipFeedback: { ...s.tipFeedback, [tip.id]: type } }));
      backend.tipEvent(interactionId, tip.id, { type, repId: String(input.userId) }).catch(fail);
    },
    [backend, interactionId, input.userId, fail],
  );

  const contentEvent = useCallback(
    (item: ContentItem, type: "open" | "share" | "helpful") => {
      if (type === "helpful") setState((s) => ({ ...s, ratedContent: { ...s.ratedContent, [item.contentId]: true } }));
      backend.contentEvent(item.contentId, { type, interactionId, repId: String(input.userId) }).catch(fail);
    },
    [backend, interactionId, input.userId, fail],
  );

  const complete = useCallback(async () => {
    if (!interactionId) return;
    try {
      const summary = await backend.complete(interactionId);
      setState((s) => ({ ...s, status: "completed", summary, metrics: summary.metrics ?? s.metrics }));
    } catch (error) {
      fail(error);
    }
  }, [backend, interactionId, fail]);

  return { state, start, recordConsent, tipFeedback, contentEvent, complete };
}
