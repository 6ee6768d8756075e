import { defineConfig } from "vitest/config";
import { reportersFor } from "../vitest.shared";

export default defineConfig({
  esbuild: { jsx: "transform" },
  test: {
    include: ["src/app/cards/__test__/**/*.test.tsx", "test/**/*.test.{ts,tsx}"],
    ...reportersFor("hubspot"),
  },
});
