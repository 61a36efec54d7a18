import { defineConfig } from "vitest/config"

// The browser tests (`npm run test:browser`): a real Chromium on the live page.
export default defineConfig({
  test: {
    include: ["tests/browser/**/*.test.ts"],
    testTimeout: 60_000
  }
})
