/**
 * The live page in a real browser (SPEC §6 `GET /`): Debian's Chromium driven by playwright-core. A submission
 * shows on the open page within a second, without a reload, and the page logs no console error.
 * Run with `npm run test:browser` (Chromium at /usr/bin/chromium, or $KENESH_CHROMIUM).
 */
import * as path from "node:path"
import type { BrowserContext } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { csvLines, ensureBuilt, freshDir, postJson, postProtocols, root, startServe, type Running } from "../serve/service.js"
import { ky } from "../../src/report/labels/ky.js"
import { launch } from "./chromium.js"

const kb = path.join(root, "fixtures/kara-balta-2020")
const { header, rows } = csvLines(path.join(kb, "protocols.csv"))
const csv = (...lines: Array<string>) => [header, ...lines].join("\n") + "\n"

let context: BrowserContext
let close: () => Promise<void>
let service: Running

beforeAll(async () => {
  ensureBuilt()
  service = await startServe(path.join(kb, "election.json"), path.join(freshDir(), "night.db"))
  ;({ context, close } = await launch())
}, 120_000)

afterAll(async () => {
  await close?.()
  await service?.stop()
})

describe("the live page", () => {
  it("shows a submission within a second without a reload, with no console error", async () => {
    const page = await context.newPage()
    const errors: Array<string> = []
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text())
    })
    page.on("pageerror", (e) => errors.push(e.message))
    await page.goto(service.url + "/")
    // A mark on the window: a reload would lose it.
    await page.evaluate("window.marker = 1")
    expect(await page.textContent("#board-reported")).toBe("0")
    // The event stream is open once the server has counted the page among its listeners; a first change proves it.
    await postProtocols(service, csv(rows[0]))
    await page.waitForFunction(`document.querySelector("#board-reported")?.textContent === "1"`, undefined, { timeout: 5000 })

    await postProtocols(service, csv(...rows.slice(1, 5)))
    await page.waitForFunction(`document.querySelector("#board-reported")?.textContent === "5"`, undefined, { timeout: 1000 })
    expect(await page.textContent("#board-missing")).toBe("15")
    await postJson(service, "/api/annulled", { precinct: "5102", annulled: true })
    await page.waitForFunction(`document.querySelector("#board-annulled")?.textContent === "1"`, undefined, { timeout: 1000 })
    expect(await page.evaluate("window.marker")).toBe(1)
    expect(await page.textContent("main")).toContain("SDPK")
    expect(errors).toEqual([])
  }, 60_000)

  it("is in the language asked for", async () => {
    const page = await context.newPage()
    await page.goto(service.url + "/?lang=ky")
    expect(await page.getAttribute("html", "lang")).toBe("ky")
    expect(await page.textContent("h2")).toBe(`${ky.headings.precincts} · өзгөрүү 3`)
    // The report's sections in the same language.
    expect(await page.textContent("main")).toContain(ky.headings.precincts)
    expect(await page.textContent("main")).toContain(ky.statusWord)
  }, 60_000)
})
