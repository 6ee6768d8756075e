// Runs one npm script in every workspace, in order, and keeps going after a failure so
// CI sees every adapter's test results; exits non-zero if any workspace failed.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const script = process.argv[2];
if (!script) {
  console.error("usage: node scripts/run-workspaces.mjs <script>");
  process.exit(2);
}
const { workspaces } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const failed = [];
for (const ws of workspaces) {
  console.log(`\n=== ${ws}: npm run ${script} ===`);
  const r = spawnSync("npm", ["run", script, "--workspace", ws, "--if-present"], { stdio: "inherit" });
  if (r.status !== 0) failed.push(ws);
}
if (failed.length > 0) {
  console.error(`\nnpm run ${script} failed in: ${failed.join(", ")}`);
  process.exit(1);
}
