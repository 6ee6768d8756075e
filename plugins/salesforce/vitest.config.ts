import { defineConfig } from "vitest/config";
import { reportersFor } from "../vitest.shared";

export default defineConfig({
  test: {
    environment: "happy-dom",
    include: ["test/**/*.test.ts"],
    ...reportersFor("salesforce"),
  },
});
