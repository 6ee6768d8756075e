// Builds the canvas page bundle into the backend's static adapter folder and copies the
// unmodified Canvas SDK next to it (the backend serves both from its own origin).
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const project = path.resolve(here, "..");
const outDir = path.resolve(project, "../../backend/SalesCoach.Api/wwwroot/adapters/salesforce");
mkdirSync(outDir, { recursive: true });

await build({
  entryPoints: { canvas: path.join(project, "canvas/src/main.ts") },
  outdir: outDir,
  bundle: true,
  format: "iife",
  target: "es2019",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
});
await build({
  entryPoints: { canvas: path.join(project, "canvas/src/canvas.css") },
  outdir: outDir,
  bundle: true,
  minify: true,
  logLevel: "warning",
});

const require = createRequire(import.meta.url);
const sdkDir = path.dirname(require.resolve("@salesforce/canvas-js-sdk/package.json"));
copyFileSync(path.join(sdkDir, "js/canvas-all.js"), path.join(outDir, "canvas-sdk.js"));
copyFileSync(path.join(sdkDir, "LICENSE.txt"), path.join(outDir, "canvas-sdk.LICENSE.txt"));
console.log(`salesforce: canvas.js, canvas.css, canvas-sdk.js -> ${path.relative(process.cwd(), outDir)}`);
