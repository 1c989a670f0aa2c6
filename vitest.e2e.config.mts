import { defineConfig } from "vitest/config";

/** End-to-end suites: need LibreOffice (soffice, python3-uno, pdftoppm) or Chromium. `.ci/run` installs them. */
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
