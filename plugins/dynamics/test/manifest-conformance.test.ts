import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM build script without type declarations
import { readZip } from "../scripts/zip.mjs";

/**
 * Checks the real build output (npm run build) against what Dataverse expects of a PCF
 * control and of a solution package. Fails with a clear message when nothing was built.
 */
const project = path.resolve(__dirname, "..");
const controlOut = path.join(project, "out/controls/SalesCoachPanel");
const manifestPath = path.join(controlOut, "ControlManifest.xml");
const languages = ["1033", "3082", "1036", "1031", "2052"];

let manifest: Document;
let control: Element;

function parseXml(text: string): Document {
  const doc = new DOMParser().parseFromString(text, "application/xml");
  expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
  return doc;
}

function resxKeys(file: string): Map<string, string> {
  const doc = parseXml(readFileSync(file, "utf8"));
  return new Map([...doc.getElementsByTagName("data")].map((d) => [d.getAttribute("name")!, d.getElementsByTagName("value")[0]?.textContent ?? ""]));
}

beforeAll(() => {
  if (!existsSync(manifestPath)) throw new Error(`No build output at ${manifestPath}: run "npm run build" in plugins/ first.`);
  manifest = parseXml(readFileSync(manifestPath, "utf8"));
  control = manifest.getElementsByTagName("control")[0]!;
});

describe("ControlManifest.xml (pcf-scripts build output)", () => {
  it("Control_HasNamespaceConstructorSemverVersionAndStandardType", () => {
    expect(manifest.documentElement.tagName).toBe("manifest");
    expect(control.getAttribute("namespace")).toBe("SalesCoach");
    expect(control.getAttribute("constructor")).toBe("SalesCoachPanel");
    expect(control.getAttribute("version")).toMatch(/^\d+\.\d+\.\d+$/);
    expect(control.getAttribute("control-type")).toBe("standard");
  });

  it("Resources_CodeCssAndResxForFiveLanguagesExistInOutput", () => {
    const resources = control.getElementsByTagName("resources")[0]!;
    const code = resources.getElementsByTagName("code")[0]!;
    expect(code.getAttribute("path")).toBe("bundle.js");
    expect(existsSync(path.join(controlOut, "bundle.js"))).toBe(true);
    const css = [...resources.getElementsByTagName("css")].map((c) => c.getAttribute("path")!);
    expect(css).toEqual(["css/SalesCoachPanel.css"]);
    for (const c of css) expect(existsSync(path.join(controlOut, c))).toBe(true);
    const resx = [...resources.getElementsByTagName("resx")].map((r) => r.getAttribute("path")!);
    expect(resx).toEqual(languages.map((l) => `strings/SalesCoach.${l}.resx`));
    for (const r of resx) expect(existsSync(path.join(controlOut, r)), r).toBe(true);
  });

  it("Keys_EveryDisplayAndDescriptionKeyTranslatedInEveryResx", () => {
    const keys = new Set<string>();
    for (const el of [control, ...control.getElementsByTagName("property")]) {
      for (const attr of ["display-name-key", "description-key"]) {
        const key = el.getAttribute(attr);
        if (key) keys.add(key);
      }
    }
    expect(keys.size).toBeGreaterThan(4);
    const english = resxKeys(path.join(controlOut, "strings/SalesCoach.1033.resx"));
    for (const lcid of languages) {
      const strings = resxKeys(path.join(controlOut, `strings/SalesCoach.${lcid}.resx`));
      for (const key of keys) {
        expect(strings.get(key)?.trim(), `${lcid} ${key}`).toBeTruthy();
        if (lcid !== "1033" && key.endsWith("_Desc_Key")) expect(strings.get(key), `${lcid} ${key} translated`).not.toBe(english.get(key));
      }
    }
  });

  it("FeatureUsage_DeclaresWebApiAndUtility", () => {
    const features = [...control.getElementsByTagName("uses-feature")].map((f) => f.getAttribute("name"));
    expect(features).toEqual(expect.arrayContaining(["WebAPI", "Utility"]));
  });

  it("ExternalServiceUsage_EnabledWithBackendDomain", () => {
    const usage = control.getElementsByTagName("external-service-usage");
    expect(usage).toHaveLength(1);
    expect(usage[0]!.getAttribute("enabled")).toBe("true");
    const domains = [...usage[0]!.getElementsByTagName("domain")].map((d) => d.textContent);
    expect(domains).toHaveLength(1);
    expect(domains[0]).toMatch(/^[a-z0-9.-]+$/i);
  });

  it("Properties_BoundNotesColumnAndRequiredBackendUrl", () => {
    const props = new Map([...control.getElementsByTagName("property")].map((p) => [p.getAttribute("name")!, p]));
    expect(props.get("coachingNotes")!.getAttribute("usage")).toBe("bound");
    expect(props.get("coachingNotes")!.getAttribute("of-type")).toBe("Multiple");
    expect(props.get("backendUrl")!.getAttribute("usage")).toBe("input");
    expect(props.get("backendUrl")!.getAttribute("required")).toBe("true");
  });

  it("Bundle_RegistersControlUnderNamespaceDotConstructor", () => {
    const bundle = readFileSync(path.join(controlOut, "bundle.js"), "utf8");
    expect(bundle).toContain("ComponentFramework.registerControl('SalesCoach.SalesCoachPanel'");
  });
});

describe("solution zip (scripts/pack-solution.mjs)", () => {
  const version = () => `${control.getAttribute("version")}.0`;
  const zipPath = () => path.join(project, "out/solution", `SalesCoach_${version().replace(/\./g, "_")}.zip`);
  const entries = (): Map<string, Buffer> => readZip(readFileSync(zipPath()));
  const prefix = "Controls/SalesCoach.SalesCoachPanel/";

  it("Zip_HasSolutionFilesAndControlFolder", () => {
    expect(existsSync(zipPath()), zipPath()).toBe(true);
    const names = [...entries().keys()];
    expect(names).toEqual(expect.arrayContaining([
      "solution.xml", "customizations.xml", "[Content_Types].xml",
      `${prefix}ControlManifest.xml`, `${prefix}bundle.js`, `${prefix}css/SalesCoachPanel.css`,
      ...languages.map((l) => `${prefix}strings/SalesCoach.${l}.resx`),
    ]));
    expect(names.every((n) => !n.includes("\\"))).toBe(true);
  });

  it("Zip_ControlFilesAreTheBuildOutput", () => {
    const zip = entries();
    expect(zip.get(`${prefix}bundle.js`)!.equals(readFileSync(path.join(controlOut, "bundle.js")))).toBe(true);
    const built = readFileSync(manifestPath, "utf8").replace(/<domain>[^<]*<\/domain>/, "");
    expect(zip.get(`${prefix}ControlManifest.xml`)!.toString("utf8").replace(/<domain>[^<]*<\/domain>/, "")).toBe(built);
  });

  it("SolutionXml_RootComponentIsTheControlWithManifestVersion", () => {
    const doc = parseXml(entries().get("solution.xml")!.toString("utf8"));
    expect(doc.getElementsByTagName("UniqueName")[0]!.textContent).toBe("SalesCoach");
    expect(doc.getElementsByTagName("Version")[0]!.textContent).toBe(version());
    expect(doc.getElementsByTagName("Managed")[0]!.textContent).toBe("0");
    const root = doc.getElementsByTagName("RootComponent")[0]!;
    expect(root.getAttribute("type")).toBe("66");
    expect(root.getAttribute("schemaName")).toBe("SalesCoach.SalesCoachPanel");
    expect(doc.getElementsByTagName("CustomizationPrefix")[0]!.textContent).toMatch(/^[a-z][a-z0-9]{1,7}$/);
  });

  it("CustomizationsXml_PointsAtPackedManifest", () => {
    const zip = entries();
    const doc = parseXml(zip.get("customizations.xml")!.toString("utf8"));
    const custom = doc.getElementsByTagName("CustomControl")[0]!;
    expect(custom.getElementsByTagName("Name")[0]!.textContent).toBe("SalesCoach.SalesCoachPanel");
    const file = custom.getElementsByTagName("FileName")[0]!.textContent!;
    expect(zip.has(file.replace(/^\//, ""))).toBe(true);
  });

  it("ContentTypes_CoverEveryExtensionInZip", () => {
    const zip = entries();
    const doc = parseXml(zip.get("[Content_Types].xml")!.toString("utf8"));
    const extensions = new Set([...doc.getElementsByTagName("Default")].map((d) => d.getAttribute("Extension")));
    for (const name of zip.keys()) expect(extensions.has(name.split(".").pop()!), name).toBe(true);
  });

  it("Zip_ReadableByIndependentUnzip", () => {
    // Info-ZIP is an independent reader of our hand-written archive, when the machine has it.
    const unzip = ["/usr/bin/unzip", "/bin/unzip"].find((p) => existsSync(p));
    if (!unzip) return;
    const out = execFileSync(unzip, ["-t", zipPath()], { encoding: "utf8" });
    expect(out).toContain("No errors detected");
    expect(readdirSync(path.join(project, "out/solution")).length).toBeGreaterThan(0);
  });
});
