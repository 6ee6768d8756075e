// @vitest-environment happy-dom
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const served = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../backend/SalesCoach.Api/wwwroot/adapters/hubspot");

it("ServedCardBundle_Mount_RendersCardThroughProxy", async () => {
  for (const file of ["card.js", "card.css"]) {
    expect(existsSync(path.join(served, file)), `${file}: run "npm run build" in plugins/ first`).toBe(true);
  }
  const w = window as unknown as Record<string, unknown> & { eval(code: string): unknown };
  w.eval(readFileSync(path.join(served, "card.js"), "utf8"));
  const proxied: string[] = [];
  const el = document.createElement("div");
  document.body.append(el);
  const host = (w.SalesCoachHubSpotHost as { mount: (e: HTMLElement, o: unknown) => { unmount(): void } }).mount(el, {
    proxyUrl: "/sandbox/hubspot/fetch",
    backendOrigin: "http://sandbox.test",
    context: { user: { id: 1, locale: "es-es" }, portal: { id: 2 }, crm: { objectId: 3, objectTypeId: "0-1" } },
    fetch: async (_url: string, init: RequestInit) => {
      proxied.push(JSON.parse(String(init.body)).url);
      return new Response(JSON.stringify({ id: "i1", items: [], events: [] }), { status: 200 });
    },
  });
  for (let i = 0; i < 200 && !el.querySelector('[data-testid="start"]'); i++) await new Promise((r) => setTimeout(r, 10));
  expect(el.querySelector("h2")!.textContent).toBe("Coach de ventas");
  el.querySelector<HTMLButtonElement>('[data-testid="start"]')!.click();
  for (let i = 0; i < 200 && proxied.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  expect(proxied[0]).toBe("http://sandbox.test/hubspot/api/v1/interactions?userId=1&portalId=2");
  host.unmount();
});
