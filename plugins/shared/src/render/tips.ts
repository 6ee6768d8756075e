import type { Translate } from "../i18n";
import type { Tip, TipFeedback } from "../types";
import { button, el } from "./dom";

const severityKey = { info: "severityInfo", suggest: "severitySuggest", warn: "severityWarn" } as const;

export function renderTip(
  tip: Tip,
  t: Translate,
  feedback: TipFeedback | undefined,
  onFeedback: (tip: Tip, type: TipFeedback) => void,
): HTMLLIElement {
  const severity = tip.severity in severityKey ? tip.severity : "info";
  const titleId = `sc-tip-${cssSafe(tip.id)}`;
  const item = el("li", {
    class: `sc-tip sc-tip--${severity}`,
    attrs: { "data-tip-id": tip.id, "data-kind": tip.kind, "aria-labelledby": titleId },
  });
  item.append(
    el(
      "div",
      { class: "sc-tip-head" },
      el("span", { class: "sc-badge sc-badge--" + severity, text: t(severityKey[severity]) }),
      el("strong", { class: "sc-tip-title", text: tip.title, attrs: { id: titleId } }),
    ),
    el("p", { class: "sc-tip-message", text: tip.message }),
  );
  if (feedback) {
    item.append(el("p", { class: "sc-feedback-done", text: t("thanks"), attrs: { "data-feedback": feedback } }));
  } else {
    item.append(
      el(
        "div",
        { class: "sc-actions", attrs: { role: "group", "aria-label": tip.title } },
        button(t("helpful"), () => onFeedback(tip, "helpful"), "sc-button sc-button--small", { "data-action": "helpful" }),
        button(t("notHelpful"), () => onFeedback(tip, "not_helpful"), "sc-button sc-button--small", {
          "data-action": "not_helpful",
        }),
      ),
    );
  }
  return item;
}

function cssSafe(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, "_");
}
