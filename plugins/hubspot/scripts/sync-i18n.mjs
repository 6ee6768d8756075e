// HubSpot uploads only src/, so the card needs the shared UI strings and the shared consent rules inside it. This
// writes those copies before every typecheck, test and build; they are build outputs (git-ignored), so each has one
// source in plugins/shared/src/.
import { readFileSync, writeFileSync } from "node:fs";

for (const file of ["i18n.ts", "consent.ts"]) {
  const source = readFileSync(new URL(`../../shared/src/${file}`, import.meta.url), "utf8");
  const header = `// Copied from plugins/shared/src/${file} by scripts/sync-i18n.mjs: generated; edit that file instead.\n`;
  writeFileSync(new URL(`../src/app/cards/${file}`, import.meta.url), header + source);
}
