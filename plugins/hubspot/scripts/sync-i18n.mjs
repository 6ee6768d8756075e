// HubSpot uploads only src/, so the card needs the shared UI strings inside it. This writes
// that copy before every typecheck, test and build; it is a build output (git-ignored), so the
// strings have one source: plugins/shared/src/i18n.ts.
import { readFileSync, writeFileSync } from "node:fs";

const source = readFileSync(new URL("../../shared/src/i18n.ts", import.meta.url), "utf8");
const header = "// Copied from plugins/shared/src/i18n.ts by scripts/sync-i18n.mjs: generated; edit that file instead.\n";
writeFileSync(new URL("../src/app/cards/i18n.ts", import.meta.url), header + source);
