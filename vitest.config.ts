import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // The browser tests need Chromium and run on their own: `npm run test:browser`.
    exclude: ["tests/browser/**", "node_modules/**"],
    testTimeout: 60_000
  }
})
