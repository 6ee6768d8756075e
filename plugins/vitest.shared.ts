import path from "node:path";

/**
 * Reporters for every workspace: readable console output, plus a JUnit file named
 * after the adapter when CI gives a folder in JUNIT_DIR (.ci/test.sh collects them).
 */
export function reportersFor(adapter: string): { reporters: string[]; outputFile?: Record<string, string> } {
  const dir = process.env.JUNIT_DIR;
  if (!dir) return { reporters: ["default"] };
  return {
    reporters: ["default", "junit"],
    outputFile: { junit: path.resolve(dir, `${adapter}.junit.xml`) },
  };
}
