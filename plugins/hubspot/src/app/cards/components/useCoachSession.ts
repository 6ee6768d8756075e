import { useCallback, useEffect, useRef, useState } from "react";
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
  status: "idle" | "starting" | "live" | "completed";
  tips: Tip[];
  tipFeedback: Record<string, Feedback>;
  content: ContentItem[];
  ratedContent: Record<string, true>;
  metrics?: Record<string, unknown>;
  summary?: CompleteResult;
  error?: { status: number; detail: string };
  /** Polling stopped for good: the backend refused (401/403) or forgot (404) the interaction. */
  halted?: boolean;
}

const maxTips = 50;

/** The card's live session: opens the interaction, polls its events, posts engagement. */
export function useCoachSession(input: SessionInput) {
  const { backend } = input;
  const [state, setState] = useState<SessionState>({ status: "idle", tips: [], tipFeedback: {}, content: [], ratedContent: {} });
  const lastEventId = useRef<string | undefined>(undefined);
  const polling = useRef(false);
  const recordType = recordTypeOf(input.objectTypeId);

  const fail = useCallback((error: unknown) => {
    const e = error instanceof BackendError ? error : new BackendError(0, String(error));
    setState((s) => ({ ...s, error: { status: e.status, detail: e.message } }));
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
        case "summary":
        case "completed":
          return { ...s, status: "completed", summary: data as CompleteResult };
        default:
          return s;
      }
    });
  }, []);

  const start = useCallback(async () => {
    setState((s) => ({ ...s, status: "starting", error: undefined }));
    try {
      const created = await backend.createInteraction({
        crm: "hubspot", recordType, recordId: String(input.objectId), repId: String(input.userId),
        language: input.language, channel: "call",
      });
      lastEventId.current = undefined;
      setState((s) => ({ ...s, interactionId: created.id, status: "live" }));
      const items = await backend.recommendations({
        interactionId: created.id, context: { crm: "hubspot", recordType }, language: input.language, limit: 5,
      });
      setState((s) => (s.content.length === 0 ? { ...s, content: items } : s));
    } catch (error) {
      setState((s) => ({ ...s, status: s.interactionId ? s.status : "idle" }));
      fail(error);
    }
  }, [backend, recordType, input.objectId, input.userId, input.language, fail]);

  useEffect(() => {
    if (input.autoStart) void start();
    // Start once per mounted record; later prop changes (language) must not open another interaction.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const { interactionId, status, halted } = state;
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

  return { state, start, tipFeedback, contentEvent, complete };
}
