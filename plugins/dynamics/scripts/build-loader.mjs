// Copies the PCF build output the backend serves in the sandbox and builds the host loader.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const project = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const controlOut = path.join(project, "out/controls/SalesCoachPanel");
const outDir = path.resolve(project, "../../backend/SalesCoach.Api/wwwroot/adapters/dynamics");
mkdirSync(outDir, { recursive: true });
copyFileSync(path.join(controlOut, "bundle.js"), path.join(outDir, "bundle.js"));
copyFileSync(path.join(controlOut, "css/SalesCoachPanel.css"), path.join(outDir, "SalesCoachPanel.css"));
await build({
  entryPoints: { loader: path.join(project, "loader/main.ts") },
  outdir: outDir,
  bundle: true,
  format: "iife",
  target: "es2019",
  minify: true,
  logLevel: "warning",
});
console.log(`dynamics: bundle.js, SalesCoachPanel.css, loader.js -> ${path.relative(process.cwd(), outDir)}`);
