/**
 * The fuzz suite's share of `npm test` (issue 13): 150 seeded cases, 30 per target, against the built command. Every
 * property of harness.ts must hold for each; `npm run fuzz -- --cases 5000 --seed S` runs thousands.
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { describeFailure, prepareBases, runCases, targets, type Bases, type Outcome } from "./harness.js"

const root = path.resolve(import.meta.dirname, "../..")
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kenesh-fuzz-test-"))
let bases: Bases
let outcomes: Array<Outcome> = []

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, "dist/src/bin/kenesh.js"))) spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: root })
  bases = prepareBases(root, work)
  outcomes = await runCases(bases, { seed: "npm-test", count: 150, jobs: 4, timeoutMs: 30_000 })
}, 600_000)

afterAll(() => {
  if (outcomes.every((o) => o.failures.length === 0)) fs.rmSync(work, { recursive: true, force: true })
})

describe("fuzzed inputs and arguments: exit 0, 1 or 2, positioned messages, nothing written on exit 2, both readers agree", () => {
  for (const target of targets)
    it(`${target}: 30 mutated cases`, () => {
      const mine = outcomes.filter((o) => o.target === target)
      expect(mine.length).toBe(30)
      expect(mine.filter((o) => o.failures.length > 0).map(describeFailure)).toEqual([])
    })

  it("the cases reach every outcome: some are accepted, some refused", () => {
    const codes = new Set(outcomes.map((o) => o.code))
    expect([...codes].sort()).toEqual(expect.arrayContaining([0, 1, 2]))
  })
})
