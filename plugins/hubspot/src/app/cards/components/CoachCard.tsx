import React from "react";
import {
  Alert, Button, Divider, Flex, Heading, Link, List, LoadingSpinner, ProgressBar, Tag, Text, Tile,
} from "@hubspot/ui-extensions";
import { consentProblemKey, consentPrompt } from "../consent";
import { resolveLanguage, translator, type Translate } from "../i18n";
import { CoachBackend, type Fetcher } from "./backend";
import { MetricsView } from "./MetricsView";
import { useCoachSession, type SessionState } from "./useCoachSession";

export interface CardContext {
  user: { id: number; email?: string; locale?: string; language?: string };
  portal: { id: number };
  crm: { objectId: number | string; objectTypeId: string };
}

export interface CardActions {
  copyTextToClipboard?: (text: string) => Promise<void>;
  addAlert?: (alert: { type?: "info" | "success" | "warning" | "danger" | "tip"; message: string }) => void;
}

export interface CoachCardProps {
  context: CardContext;
  actions?: CardActions;
  fetcher: Fetcher;
  backendOrigin: string;
  pollIntervalMs: number;
  autoStart?: boolean;
}

const severityTag = { info: "info", suggest: "success", warn: "warning" } as const;
const severityKey = { info: "severityInfo", suggest: "severitySuggest", warn: "severityWarn" } as const;

export function CoachCard({ context, actions, fetcher, backendOrigin, pollIntervalMs, autoStart = false }: CoachCardProps) {
  const language = resolveLanguage(context.user.locale ?? context.user.language);
  const t = translator(language);
  const backend = React.useMemo(() => new CoachBackend(fetcher, backendOrigin), [fetcher, backendOrigin]);
  const session = useCoachSession({
    backend, portalId: context.portal.id, userId: context.user.id, objectId: context.crm.objectId,
    objectTypeId: context.crm.objectTypeId, language, pollIntervalMs, autoStart,
  });
  const { state } = session;

  const share = async (url: string) => {
    try {
      await actions?.copyTextToClipboard?.(url);
      actions?.addAlert?.({ type: "success", message: t("linkCopied") });
    } catch {
      // Clipboard refused: the share event still records the intent.
    }
  };

  return (
    <Flex direction="column" gap="sm">
      <Flex direction="row" justify="between" align="center">
        <Heading>{t("title")}</Heading>
        <Tag variant={state.status === "live" && state.consent !== "refused" ? "success" : "default"} testId="status">
          {t(statusKey(state))}
        </Tag>
      </Flex>
      <ConsentLine state={state} t={t} answer={(consent) => void session.recordConsent(consent)} />
      <ErrorNotice state={state} t={t} />
      <Flex direction="row" gap="xs">
        {!state.interactionId && state.status !== "starting" && (
          <Button variant="primary" onClick={() => void session.start()} testId="start">{t("start")}</Button>
        )}
        {state.status === "starting" && <LoadingSpinner label={t("statusConnecting")} size="sm" />}
        {state.status === "live" && (
          <Button variant="secondary" onClick={() => void session.complete()} testId="end">{t("end")}</Button>
        )}
      </Flex>
      {state.summary && <SummaryTile summary={state.summary} t={t} />}
      <Divider />
      <Heading>{t("tipsHeading")}</Heading>
      {state.tips.length === 0 && <Text variant="microcopy">{t("noTips")}</Text>}
      {state.tips.map((tip) => (
        <Tile compact key={tip.id} testId={`tip-${tip.id}`}>
          <Flex direction="row" gap="xs" align="center">
            <Tag variant={severityTag[tip.severity] ?? "info"}>{t(severityKey[tip.severity] ?? "severityInfo")}</Tag>
            <Text format={{ fontWeight: "bold" }}>{tip.title}</Text>
          </Flex>
          <Text>{tip.message}</Text>
          {state.tipFeedback[tip.id] ? (
            <Text variant="microcopy">{t("thanks")}</Text>
          ) : (
            <Flex direction="row" gap="xs">
              <Button size="xs" onClick={() => session.tipFeedback(tip, "helpful")} testId={`tip-${tip.id}-helpful`}>{t("helpful")}</Button>
              <Button size="xs" onClick={() => session.tipFeedback(tip, "not_helpful")} testId={`tip-${tip.id}-not-helpful`}>{t("notHelpful")}</Button>
            </Flex>
          )}
        </Tile>
      ))}
      <Divider />
      <Heading>{t("contentHeading")}</Heading>
      {state.content.length === 0 && <Text variant="microcopy">{t("noContent")}</Text>}
      {state.content.map((item) => (
        <Tile compact key={item.contentId} testId={`content-${item.contentId}`}>
          <Flex direction="row" gap="xs" align="center">
            <Tag>{item.type.replace(/_/g, " ")}</Tag>
            {item.url ? (
              <Link href={{ url: item.url, external: true }} onClick={() => session.contentEvent(item, "open")} testId={`content-${item.contentId}-open`}>
                {item.title}
              </Link>
            ) : (
              <Text format={{ fontWeight: "bold" }}>{item.title}</Text>
            )}
          </Flex>
          {(item.reasons ?? []).length > 0 && (
            <List variant="unordered">{(item.reasons ?? []).map((reason) => <Text key={reason} variant="microcopy">{reason}</Text>)}</List>
          )}
          <Flex direction="row" gap="xs">
            {item.url && (
              <Button size="xs" onClick={() => { void share(item.url ?? ""); session.contentEvent(item, "share"); }} testId={`content-${item.contentId}-share`}>
                {t("share")}
              </Button>
            )}
            {state.ratedContent[item.contentId] ? (
              <Text variant="microcopy">{t("thanks")}</Text>
            ) : (
              <Button size="xs" onClick={() => session.contentEvent(item, "helpful")} testId={`content-${item.contentId}-helpful`}>{t("helpful")}</Button>
            )}
          </Flex>
        </Tile>
      ))}
      <Divider />
      <Heading>{t("metricsHeading")}</Heading>
      <MetricsView metrics={state.metrics} t={t} ProgressBar={ProgressBar} />
    </Flex>
  );
}

function statusKey(state: SessionState) {
  if (state.status !== "completed" && state.consent === "refused") return "statusDeclined";
  return ({ idle: "statusIdle", starting: "statusConnecting", consent: "statusConsent", live: "statusLive", completed: "statusCompleted" } as const)[state.status];
}

/** The customer's consent: the question when the tenant requires it, and a refusal or withdrawal the rep can record any time. */
function ConsentLine({ state, t, answer }: { state: SessionState; t: Translate; answer: (consent: boolean) => void }) {
  if (!state.interactionId || !state.consent || state.status === "completed") return null;
  const prompt = consentPrompt(state.consent);
  return (
    <Tile compact testId="consent">
      <Text>{t(prompt.text)}</Text>
      <Flex direction="row" gap="xs">
        {prompt.choices.map((choice, i) => (
          <Button key={choice.action} size="xs" variant={i === 0 && state.consent === "asking" ? "primary" : "secondary"}
            disabled={state.recordingConsent === true} onClick={() => answer(choice.consent)} testId={`consent-${choice.action}`}>
            {t(choice.label)}
          </Button>
        ))}
      </Flex>
    </Tile>
  );
}

function ErrorNotice({ state, t }: { state: SessionState; t: Translate }) {
  if (!state.error) return null;
  const { status, detail, problemType } = state.error;
  // A consent conflict gets its own sentence in the rep's language, never the backend's English detail.
  const consentKey = consentProblemKey(status, { type: problemType });
  const text = consentKey ? t(consentKey) : status === 401 ? t("errorSession") : status === 0 ? t("errorNetwork") : t("errorGeneric", { detail });
  return <Alert title={t("title")} variant={status === 0 || consentKey ? "warning" : "error"}>{text}</Alert>;
}

function SummaryTile({ summary, t }: { summary: NonNullable<SessionState["summary"]>; t: Translate }) {
  const steps = (summary.nextSteps ?? []).map(describe).filter(Boolean);
  return (
    <Tile testId="summary">
      <Heading>{t("summaryHeading")}</Heading>
      {summary.summary && <Text>{summary.summary}</Text>}
      {steps.length > 0 && <Text format={{ fontWeight: "demibold" }}>{t("nextSteps")}</Text>}
      {steps.length > 0 && <List variant="unordered">{steps.map((s) => <Text key={s}>{s}</Text>)}</List>}
    </Tile>
  );
}

function describe(value: unknown): string {
  if (typeof value === "string") return value;
  const o = (value ?? {}) as Record<string, unknown>;
  for (const key of ["text", "title", "label", "description"]) if (typeof o[key] === "string") return o[key] as string;
  return "";
}
