// HubSpot uploads only src/: the card keeps a copy of the shared UI strings. This writes
// it; a unit test fails when the copy and shared/src/i18n.ts differ.
import { readFileSync, writeFileSync } from "node:fs";

const source = readFileSync(new URL("../../shared/src/i18n.ts", import.meta.url), "utf8");
const header = "// Copied from plugins/shared/src/i18n.ts by scripts/sync-i18n.mjs: edit that file, then run npm run build.\n";
writeFileSync(new URL("../src/app/cards/i18n.ts", import.meta.url), header + source);
