import { startCanvasPage, type CanvasPage } from "./canvas-page";
import { readConfig, type CanvasPageConfig } from "./config";

declare global {
  interface Window {
    SalesCoachCanvas?: { start(config: CanvasPageConfig, root?: HTMLElement): CanvasPage; page?: CanvasPage };
  }
}

function rootElement(): HTMLElement {
  let root = document.getElementById("salescoach-root");
  if (!root) {
    root = document.createElement("main");
    root.id = "salescoach-root";
    document.body.append(root);
  }
  return root;
}

const api = {
  start(config: CanvasPageConfig, root: HTMLElement = rootElement()): CanvasPage {
    const page = startCanvasPage(config, root);
    api.page = page;
    return page;
  },
  page: undefined as CanvasPage | undefined,
};
window.SalesCoachCanvas = api;

function autoStart(): void {
  const config = readConfig(document);
  if (config) api.start(config);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", autoStart);
else autoStart();
