// Packs the built PCF control into a Dataverse solution zip an admin imports in the maker
// portal (the pac CLI is not available): solution.xml, customizations.xml,
// [Content_Types].xml and Controls/<namespace>.<constructor>/ with the build output.
// SALESCOACH_BACKEND_DOMAIN replaces the manifest's placeholder domain when set.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeZip } from "./zip.mjs";
import { contentTypesXml, customizationsXml, solutionXml } from "./solution-xml.mjs";

const project = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const controlOut = path.join(project, "out/controls/SalesCoachPanel");
let manifest = readFileSync(path.join(controlOut, "ControlManifest.xml"), "utf8");

const controlTag = /<control\s[^>]*>/.exec(manifest)?.[0] ?? "";
const attribute = (name) => new RegExp(`\\s${name}="([^"]+)"`).exec(controlTag)?.[1];
const [namespace, constructor, version] = ["namespace", "constructor", "version"].map(attribute);
if (!namespace || !constructor || !version) throw new Error("ControlManifest.xml has no control namespace/constructor/version");
const controlName = `${namespace}.${constructor}`;
const solutionVersion = version.split(".").concat(["0", "0", "0"]).slice(0, 4).join(".");

const domain = process.env.SALESCOACH_BACKEND_DOMAIN;
if (domain) {
  if (!/^[a-z0-9.-]+(:\d+)?$/i.test(domain)) throw new Error(`SALESCOACH_BACKEND_DOMAIN is not a host name: ${domain}`);
  manifest = manifest.replace(/<domain>[^<]*<\/domain>/, `<domain>${domain}</domain>`);
}

function filesUnder(dir, prefix = "") {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(full).isDirectory() ? filesUnder(full, rel) : [rel];
  });
}

const controlFiles = filesUnder(controlOut)
  .filter((rel) => !rel.endsWith(".LICENSE.txt"))
  .sort()
  .map((rel) => ({
    name: `Controls/${controlName}/${rel}`,
    data: rel === "ControlManifest.xml" ? Buffer.from(manifest, "utf8") : readFileSync(path.join(controlOut, rel)),
  }));

const entries = [
  { name: "solution.xml", data: Buffer.from(solutionXml({ controlName, version: solutionVersion }), "utf8") },
  { name: "customizations.xml", data: Buffer.from(customizationsXml({ controlName }), "utf8") },
  ...controlFiles,
  { name: "[Content_Types].xml", data: Buffer.from(contentTypesXml({ controlName }), "utf8") },
];

const outDir = path.join(project, "out/solution");
mkdirSync(outDir, { recursive: true });
const zipPath = path.join(outDir, `SalesCoach_${solutionVersion.replace(/\./g, "_")}.zip`);
writeFileSync(zipPath, writeZip(entries));
console.log(`dynamics: solution ${path.relative(process.cwd(), zipPath)} (${entries.length} entries)`);
