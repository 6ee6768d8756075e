import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const served = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../backend/SalesCoach.Api/wwwroot/adapters/salesforce");

it("ServedCanvasPage_ConfigInPage_StartsItselfInUserLanguage", () => {
  for (const file of ["canvas.js", "canvas.css", "canvas-sdk.js", "canvas-sdk.LICENSE.txt"]) {
    expect(existsSync(path.join(served, file)), `${file}: run "npm run build" in plugins/ first`).toBe(true);
  }
  document.body.innerHTML = '<main id="salescoach-root"></main><script type="application/json" id="salescoach-canvas-config"></script>';
  document.getElementById("salescoach-canvas-config")!.textContent = JSON.stringify({
    apiBase: "",
    sessionToken: "sess",
    signedRequest: {
      userId: "005U",
      // happy-dom rejects postMessage to a foreign origin where browsers drop it silently; use its own.
      client: { instanceId: "i", targetOrigin: window.location.origin },
      context: { user: { userId: "005U", language: "zh_CN" }, environment: { parameters: { recordId: "006A" }, record: { Id: "006A", attributes: { type: "Opportunity" } } } },
    },
  });
  const w = window as unknown as Record<string, unknown> & { eval(code: string): unknown };
  w.fetch = async () => new Response(JSON.stringify({ items: [] }), { status: 200 });
  w.eval(readFileSync(path.join(served, "canvas-sdk.js"), "utf8"));
  expect((w.Sfdc as { canvas?: { client?: unknown } }).canvas?.client).toBeTruthy();
  w.eval(readFileSync(path.join(served, "canvas.js"), "utf8"));
  expect(document.querySelector("#salescoach-root h2")!.textContent).toBe("销售教练");
  expect(typeof (w.SalesCoachCanvas as { start?: unknown }).start).toBe("function");
});
