// Builds the sandbox's equivalent host: the same card entry point (SalesCoachCard.tsx),
// React DOM instead of HubSpot's remote renderer, and @hubspot/ui-extensions aliased to a
// small DOM implementation. Also refreshes the card's copy of the shared UI strings.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import "./sync-i18n.mjs";

const project = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.resolve(project, "../../backend/SalesCoach.Api/wwwroot/adapters/hubspot");
mkdirSync(outDir, { recursive: true });
await build({
  entryPoints: { card: path.join(project, "host/main.tsx") },
  outdir: outDir,
  bundle: true,
  format: "iife",
  target: "es2019",
  minify: true,
  legalComments: "none",
  jsx: "transform",
  alias: { "@hubspot/ui-extensions": path.join(project, "host/ui-extensions-dom.tsx") },
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
});
copyFileSync(path.join(project, "host/card.css"), path.join(outDir, "card.css"));
console.log(`hubspot: card.js, card.css -> ${path.relative(process.cwd(), outDir)}`);
