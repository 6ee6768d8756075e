import type { Translate } from "../i18n";
import type { CompleteResult } from "../types";
import { el } from "./dom";

/** Items in the summary lists may be strings or objects; show the most readable field (a signal's localized `name` before its `label` code). */
export function describe(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    for (const key of ["text", "title", "name", "label", "description", "kind"]) {
      if (typeof o[key] === "string" && o[key]) {
        const count = typeof o.count === "number" ? ` (${o.count})` : "";
        return `${o[key] as string}${count}`;
      }
    }
  }
  return "";
}

function list(heading: string, items: unknown[] | undefined): HTMLElement | null {
  const texts = (items ?? []).map(describe).filter((s) => s.length > 0);
  if (texts.length === 0) return null;
  const ul = el("ul", {});
  for (const text of texts) ul.append(el("li", { text }));
  return el("div", { class: "sc-summary-part" }, el("h4", { text: heading }), ul);
}

export function renderSummary(result: CompleteResult, t: Translate): HTMLElement {
  const summaryText = typeof result.summary === "string" ? result.summary : describe(result.summary);
  return el(
    "div",
    { class: "sc-summary-body" },
    summaryText ? el("p", { class: "sc-summary-text", text: summaryText }) : null,
    list(t("nextSteps"), result.nextSteps),
    list(t("signals"), result.signals),
    list(t("contentUsed"), result.recommendedContent),
  );
}
