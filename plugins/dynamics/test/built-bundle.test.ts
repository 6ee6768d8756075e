import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

/** The files the backend serves to the sandbox, loaded as the host page does (classic scripts, no platform). */
const served = path.resolve(__dirname, "../../../backend/SalesCoach.Api/wwwroot/adapters/dynamics");

it("ServedBundleAndLoader_WithoutPlatform_MountAndSwitchLanguage", () => {
  for (const file of ["bundle.js", "loader.js", "SalesCoachPanel.css"]) {
    expect(existsSync(path.join(served, file)), `${file}: run "npm run build" in plugins/ first`).toBe(true);
  }
  const w = window as unknown as Record<string, unknown> & { eval(code: string): unknown };
  w.fetch = async () => new Response(JSON.stringify({ items: [] }), { status: 200 });
  w.eval(readFileSync(path.join(served, "bundle.js"), "utf8"));
  w.eval(readFileSync(path.join(served, "loader.js"), "utf8"));
  expect(typeof (w.SalesCoach as { SalesCoachPanel?: unknown }).SalesCoachPanel).toBe("function");

  const el = document.createElement("div");
  document.body.append(el);
  const host = (w.SalesCoachDynamicsHost as { mount: (e: HTMLElement, o: unknown) => { update(c: unknown): void; destroy(): void } }).mount(el, {
    apiBase: "http://sandbox.test", getToken: () => "t", languageId: 3082, entityName: "opportunity", recordId: "abc",
  });
  expect(el.querySelector("h2")!.textContent).toBe("Coach de ventas");
  host.update({ languageId: 1031 });
  expect(el.querySelector("h2")!.textContent).toBe("Vertriebscoach");
  host.destroy();
  expect(el.childElementCount).toBe(0);
});
