/**
 * Debian's Chromium (/usr/bin/chromium) driven by playwright-core, as the browser tests use it: headless, no
 * sandbox, no background traffic of its own, and a fresh profile per launch, so that every request a page
 * makes is the page's own.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { chromium, type BrowserContext, type BrowserContextOptions } from "playwright-core"

/** Where the tests expect Chromium; `apt-get install -y chromium` puts it there. */
export const chromiumPath = process.env.KENESH_CHROMIUM ?? "/usr/bin/chromium"

/** The flags of every launch (playwright adds `--headless` itself). */
export const chromiumFlags = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync"
]

/** A browser context with a fresh profile; `close` ends the browser and removes the profile. */
export const launch = async (options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> => {
  if (!fs.existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: apt-get install -y chromium (or set KENESH_CHROMIUM)`)
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "kenesh-chromium-"))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
    ...options
  })
  return {
    context,
    close: async () => {
      await context.close()
      fs.rmSync(profile, { recursive: true, force: true })
    }
  }
}
