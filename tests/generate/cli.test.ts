import { Command } from "@effect/cli"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { Cause, Effect, Exit, Option } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, describe, expect, it, vi } from "vitest"
import { generateCommand } from "../../src/cli/commands.js"

const root = fs.mkdtempSync(path.join(os.tmpdir(), "kenesh-generate-cli-"))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

const run = async (args: ReadonlyArray<string>) => {
  const cli = Command.run(Command.make("kenesh").pipe(Command.withSubcommands([generateCommand])), { name: "kenesh", version: "0" })
  const out: Array<string> = []
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out.push(String(chunk))
    return true
  })
  try {
    const exit = await Effect.runPromiseExit(cli(["node", "kenesh", "generate", ...args]).pipe(Effect.provide(NodeContext.layer)))
    return { exit, stdout: out.join("") }
  } finally {
    spy.mockRestore()
  }
}

describe("kenesh generate", () => {
  it("writes the election and prints a JSON summary", async () => {
    const dir = path.join(root, "city")
    const { exit, stdout } = await run(["--system", "proportional", "--precincts", "120", "--seed", "7", "--out", dir, "--fault-rate", "0.25", "--format", "json"])
    expect(Exit.isSuccess(exit)).toBe(true)
    const summary = JSON.parse(stdout)
    expect(summary).toMatchObject({ system: "proportional", precincts: 120, faults: 30, territories: 6, choices: 15 })
    expect(fs.readdirSync(dir).sort()).toEqual(["election.json", "faults.json", "precincts.csv", "protocols.csv"])
  })

  it("refuses a malformed count or rate as a usage error and writes nothing", async () => {
    for (const args of [
      ["--precincts", "1e3", "--fault-rate", "0.1"],
      ["--precincts", "100", "--fault-rate", "1.5"],
      ["--precincts", "100", "--fault-rate", ".5."],
      ["--precincts", "100", "--districts", "3"]
    ]) {
      const dir = path.join(root, "refused")
      const { exit } = await run(["--system", "proportional", "--seed", "s", "--out", dir, ...args])
      expect(Exit.isFailure(exit) && Cause.failureOption(exit.cause).pipe(Option.map((e) => (e as { _tag: string })._tag))).toEqual(Option.some("UsageError"))
      expect(fs.existsSync(dir)).toBe(false)
    }
  })
})
