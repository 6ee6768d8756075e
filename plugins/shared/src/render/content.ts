import type { Translate } from "../i18n";
import type { ContentItem } from "../types";
import { button, el } from "./dom";

export interface ContentHandlers {
  open(item: ContentItem): void;
  share(item: ContentItem): void;
  helpful(item: ContentItem): void;
}

export function renderContentList(
  items: ContentItem[],
  t: Translate,
  rated: ReadonlySet<string>,
  handlers: ContentHandlers,
): HTMLElement {
  if (items.length === 0) return el("p", { class: "sc-empty", text: t("noContent") });
  const list = el("ul", { class: "sc-content-list" });
  for (const item of items) list.append(renderContentItem(item, t, rated.has(item.contentId), handlers));
  return list;
}

function renderContentItem(item: ContentItem, t: Translate, rated: boolean, handlers: ContentHandlers): HTMLLIElement {
  const li = el("li", { class: "sc-content-item", attrs: { "data-content-id": item.contentId } });
  li.append(
    el(
      "div",
      { class: "sc-content-head" },
      el("span", { class: "sc-type", text: item.type.replace(/_/g, " ") }),
      el("strong", { class: "sc-content-title", text: item.title }),
    ),
  );
  const reasons = (item.reasons ?? []).filter((r) => typeof r === "string" && r.length > 0);
  if (reasons.length > 0) {
    const list = el("ul", { class: "sc-reasons", attrs: { "aria-label": t("why") } });
    for (const reason of reasons) list.append(el("li", { text: reason }));
    li.append(list);
  }
  const actions = el("div", { class: "sc-actions", attrs: { role: "group", "aria-label": item.title } });
  if (item.url) {
    actions.append(
      button(t("open"), () => handlers.open(item), "sc-button sc-button--small", { "data-action": "open" }),
      button(t("share"), () => handlers.share(item), "sc-button sc-button--small", { "data-action": "share" }),
    );
  }
  if (rated) {
    actions.append(el("span", { class: "sc-feedback-done", text: t("thanks") }));
  } else {
    actions.append(
      button(t("helpful"), () => handlers.helpful(item), "sc-button sc-button--small", { "data-action": "helpful" }),
    );
  }
  li.append(actions);
  return li;
}
