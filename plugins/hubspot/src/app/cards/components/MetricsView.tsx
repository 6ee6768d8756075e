import React from "react";
import { Text } from "@hubspot/ui-extensions";
import type { ProgressBar as ProgressBarComponent } from "@hubspot/ui-extensions";
import type { Translate } from "../i18n";

function num(source: Record<string, unknown> | undefined, ...paths: string[][]): number | undefined {
  for (const path of paths) {
    let value: unknown = source;
    for (const key of path) value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
    if (typeof value === "number" && Number.isFinite(value)) return value;
  }
  return undefined;
}

const percent = (v: number | undefined) => (v === undefined ? undefined : Math.round(v <= 1 ? v * 100 : v));

/** Talk ratio and the headline numbers; the engine's field names vary, so several are read. */
export function MetricsView({ metrics, t, ProgressBar }: { metrics?: Record<string, unknown>; t: Translate; ProgressBar: typeof ProgressBarComponent }) {
  if (!metrics) return null;
  const rep = percent(num(metrics, ["repTalkShare"], ["talkShare", "rep"], ["talk", "rep"]));
  const customer = rep === undefined ? undefined : (percent(num(metrics, ["customerTalkShare"], ["talkShare", "customer"], ["talk", "customer"])) ?? 100 - rep);
  const monologue = num(metrics, ["longestMonologueMs"], ["longestMonologue", "ms"]);
  const repQ = num(metrics, ["repQuestions"], ["questions", "rep"]);
  const customerQ = num(metrics, ["customerQuestions"], ["questions", "customer"]);
  const wpm = num(metrics, ["wordsPerMinute"], ["wpm"]);
  return (
    <>
      {rep !== undefined && customer !== undefined && (
        <ProgressBar title={t("talkRatio")} value={rep} maxValue={100} valueDescription={t("talkRatioLabel", { rep, customer })} testId="talk-ratio" />
      )}
      {monologue !== undefined && <Text>{`${t("longestMonologue")}: ${t("seconds", { n: Math.round(monologue / 1000) })}`}</Text>}
      {(repQ !== undefined || customerQ !== undefined) && <Text>{`${t("questions")}: ${repQ ?? 0} / ${customerQ ?? 0}`}</Text>}
      {wpm !== undefined && <Text>{`${t("wordsPerMinute")}: ${Math.round(wpm)}`}</Text>}
    </>
  );
}
