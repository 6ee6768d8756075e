import type { Translate } from "../i18n";
import type { Metrics } from "../types";
import { el } from "./dom";

/** The metrics the panel shows, read from whichever field names the engine used. */
export interface ShownMetrics {
  repShare?: number;
  customerShare?: number;
  longestMonologueMs?: number;
  longestMonologueBy?: string;
  repQuestions?: number;
  customerQuestions?: number;
  wordsPerMinute?: number;
  fillerWordsPerMinute?: number;
  interruptions?: number;
  patienceMs?: number;
  speakerSwitchesPerMinute?: number;
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function path(source: Metrics, ...keys: string[]): unknown {
  let value: unknown = source;
  for (const key of keys) {
    if (!value || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function first(source: Metrics, ...paths: string[][]): number | undefined {
  for (const p of paths) {
    const value = num(path(source, ...p));
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Shares arrive as 0..1 or as percentages; the panel shows whole percentages. */
function percent(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  return Math.round(value <= 1 ? value * 100 : value);
}

export function readMetrics(m: Metrics): ShownMetrics {
  const rep = percent(first(m, ["repTalkShare"], ["talkShare", "rep"], ["talk", "rep"], ["repTalkRatio"]));
  let customer = percent(first(m, ["customerTalkShare"], ["talkShare", "customer"], ["talk", "customer"]));
  if (customer === undefined && rep !== undefined) customer = 100 - rep;
  const by = path(m, "longestMonologueBy") ?? path(m, "longestMonologue", "speaker");
  return {
    repShare: rep,
    customerShare: customer,
    longestMonologueMs: first(m, ["longestMonologueMs"], ["longestMonologue", "ms"], ["longestMonologue", "durationMs"]),
    longestMonologueBy: typeof by === "string" ? by : undefined,
    repQuestions: first(m, ["repQuestions"], ["questions", "rep"], ["questionsAsked", "rep"]),
    customerQuestions: first(m, ["customerQuestions"], ["questions", "customer"], ["questionsAsked", "customer"]),
    wordsPerMinute: first(m, ["wordsPerMinute"], ["wpm"]),
    fillerWordsPerMinute: first(m, ["fillerWordsPerMinute"], ["fillerPerMinute"]),
    interruptions: first(m, ["interruptions"]),
    patienceMs: first(m, ["patienceMs"], ["patience"]),
    speakerSwitchesPerMinute: first(m, ["speakerSwitchesPerMinute"], ["switchesPerMinute"]),
  };
}

function seconds(ms: number, t: Translate): string {
  return t("seconds", { n: (ms / 1000).toFixed(ms < 10000 ? 1 : 0) });
}

export function renderMetrics(metrics: Metrics | undefined, t: Translate): HTMLElement {
  const wrap = el("div", { class: "sc-metrics-body" });
  if (!metrics) return wrap;
  const m = readMetrics(metrics);
  if (m.repShare !== undefined && m.customerShare !== undefined) {
    const label = t("talkRatioLabel", { rep: m.repShare, customer: m.customerShare });
    wrap.append(
      el("div", { class: "sc-talk-label", text: `${t("talkRatio")}: ${label}` }),
      el(
        "div",
        {
          class: "sc-talk-bar",
          attrs: {
            role: "meter",
            "aria-label": t("talkRatio"),
            "aria-valuemin": "0",
            "aria-valuemax": "100",
            "aria-valuenow": String(m.repShare),
            "aria-valuetext": label,
          },
        },
        el("span", { class: "sc-talk-rep", attrs: { style: `width:${m.repShare}%` } }),
        el("span", { class: "sc-talk-customer", attrs: { style: `width:${m.customerShare}%` } }),
      ),
    );
  }
  const rows: [string, string][] = [];
  const by = m.longestMonologueBy === "customer" ? t("customer") : m.longestMonologueBy === "rep" ? t("rep") : "";
  if (m.longestMonologueMs !== undefined) rows.push([t("longestMonologue"), seconds(m.longestMonologueMs, t) + (by ? ` (${by})` : "")]);
  if (m.repQuestions !== undefined || m.customerQuestions !== undefined)
    rows.push([t("questions"), `${m.repQuestions ?? 0} / ${m.customerQuestions ?? 0}`]);
  if (m.wordsPerMinute !== undefined) rows.push([t("wordsPerMinute"), String(Math.round(m.wordsPerMinute))]);
  if (m.fillerWordsPerMinute !== undefined) rows.push([t("fillerPerMinute"), m.fillerWordsPerMinute.toFixed(1)]);
  if (m.interruptions !== undefined) rows.push([t("interruptions"), String(m.interruptions)]);
  if (m.patienceMs !== undefined) rows.push([t("patience"), seconds(m.patienceMs, t)]);
  if (m.speakerSwitchesPerMinute !== undefined) rows.push([t("switches"), m.speakerSwitchesPerMinute.toFixed(1)]);
  if (rows.length > 0) {
    const dl = el("dl", { class: "sc-metric-list" });
    for (const [name, value] of rows) dl.append(el("div", { class: "sc-metric" }, el("dt", { text: name }), el("dd", { text: value })));
    wrap.append(dl);
  }
  return wrap;
}
