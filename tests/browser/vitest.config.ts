// The browser tests (`npm run test:browser`): pages opened in Debian's Chromium through playwright-core.
// Kept out of `npm test` (vitest.config.ts excludes this folder): they need /usr/bin/chromium.
import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["tests/browser/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One browser at a time: the machine is small and shared.
    fileParallelism: false
  }
})
