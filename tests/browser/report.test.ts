/**
 * report.html in Debian's Chromium (SPEC §7): each fixture's golden report is opened from its file; it makes no
 * request beyond the file, logs no console error, shows the names, seats and status, reads the same with
 * JavaScript off, and prints to A4. With KENESH_SCREENSHOTS=DIR, a 1280 px screenshot of each is written there
 * for whoever changes the layout to look at (never committed).
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { pathToFileURL } from "node:url"
import type { BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { labelsFor, type Lang } from "../../src/report/language.js"
import { hostile, reportText } from "../report/inputs.js"
import { launch } from "./chromium.js"

const root = path.resolve(import.meta.dirname, "../..")
const viewport = { width: 1280, height: 900 }

let withScripts: Awaited<ReturnType<typeof launch>>
let withoutScripts: Awaited<ReturnType<typeof launch>>

beforeAll(async () => {
  withScripts = await launch({ viewport })
  withoutScripts = await launch({ viewport, javaScriptEnabled: false })
})

afterAll(async () => {
  await withScripts?.close()
  await withoutScripts?.close()
})

/** What opening a file showed: its text, every request, every console error or page error, any dialog. */
interface Visit {
  readonly page: Page
  readonly text: string
  readonly requests: ReadonlyArray<string>
  readonly errors: ReadonlyArray<string>
  readonly dialogs: ReadonlyArray<string>
}

const visit = async (context: BrowserContext, file: string): Promise<Visit> => {
  const page = await context.newPage()
  const requests: Array<string> = []
  const errors: Array<string> = []
  const dialogs: Array<string> = []
  page.on("request", (r) => requests.push(r.url()))
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text())
  })
  page.on("pageerror", (e) => errors.push(e.message))
  page.on("dialog", (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" })
  const text = await page.innerText("body")
  return { page, text, requests, errors, dialogs }
}

const cases: ReadonlyArray<readonly [string, Lang, string]> = [
  ["kara-balta-2020", "en", "report.html"],
  ["kara-balta-2020", "ky", "report.ky.html"],
  ["kara-balta-faulty", "en", "report.html"],
  ["kara-balta-faulty", "ru", "report.ru.html"],
  ["ak-jol-2024", "en", "report.html"],
  ["ak-jol-2024", "ru", "report.ru.html"]
]

/** What each fixture's report must show: its status, names and seats. */
const expected: Readonly<Record<string, { status: "final" | "blocked"; shows: ReadonlyArray<RegExp> }>> = {
  "kara-balta-2020": { status: "final", shows: [/SDPK\s+4 854\s+32\.97%\s+\S+\s+12/, /Mekenim Kyrgyzstan\s+2 910\s+19\.77%\s+\S+\s+7/, /Eldik\s+2 305\s+15\.66%\s+\S+\s+5/] },
  "kara-balta-faulty": { status: "blocked", shows: [/SDPK\s+4 600\s+32\.98%\s+\S+\s+12/, /El Aman\s+2 917/, /5103/] },
  "ak-jol-2024": { status: "final", shows: [/Kara-Suu district/, /d2-nurlanova/, /d3-usenova/] }
}

describe.each(cases)("%s report in %s (%s)", (name, lang, file) => {
  const golden = path.join(root, "fixtures", name, file)
  const L = labelsFor(lang)

  it("requests nothing but the file, logs no error, and shows the status, names and seats", async () => {
    const v = await visit(withScripts.context, golden)
    try {
      expect(v.requests).toEqual([pathToFileURL(golden).href])
      expect(v.errors).toEqual([])
      expect(v.text).toContain(L.status[expected[name].status])
      expect(v.text).toContain(L.statusExplain[expected[name].status])
      for (const re of expected[name].shows) expect(v.text).toMatch(re)
      expect(await v.page.locator("svg.chart").count()).toBeGreaterThan(1)
      if (process.env.KENESH_SCREENSHOTS) {
        fs.mkdirSync(process.env.KENESH_SCREENSHOTS, { recursive: true })
        await v.page.screenshot({ path: path.join(process.env.KENESH_SCREENSHOTS, `${name}.${lang}.png`), fullPage: true })
      }
    } finally {
      await v.page.close()
    }
  })

  it("reads the same with JavaScript off", async () => {
    const on = await visit(withScripts.context, golden)
    const off = await visit(withoutScripts.context, golden)
    try {
      expect(off.text).toBe(on.text)
      expect(off.text.length).toBeGreaterThan(500)
    } finally {
      await on.page.close()
      await off.page.close()
    }
  })

  it("prints to A4", async () => {
    const v = await visit(withScripts.context, golden)
    try {
      const pdf = Buffer.from(await v.page.pdf({ format: "A4", printBackground: true }))
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-")
      // A4 is 595.28 × 841.89 points; Chromium rounds its media box to whole pixels.
      const box = /\/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]/.exec(pdf.toString("latin1"))
      expect(box).not.toBeNull()
      expect(Math.abs(Number(box![1]) - 595.28)).toBeLessThan(2)
      expect(Math.abs(Number(box![2]) - 841.89)).toBeLessThan(2)
    } finally {
      await v.page.close()
    }
  })
})

describe("a report whose ids and names are markup", () => {
  it("runs nothing, requests nothing and shows the markup as text", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kenesh-report-")), "report.html")
    fs.writeFileSync(file, reportText(hostile(), "en"))
    const v = await visit(withScripts.context, file)
    try {
      expect(v.dialogs).toEqual([])
      expect(v.requests).toEqual([pathToFileURL(file).href])
      expect(v.errors).toEqual([])
      expect(await v.page.locator("img, script").count()).toBe(0)
      expect(v.text).toContain(`<script>alert("x")</script>`)
    } finally {
      await v.page.close()
    }
  })
})
