/**
 * Sensitivity through `kenesh tally` (SPEC §3): the built command on the bundled elections with a precinct
 * annulled or missing, and on a small city where a repeat vote cannot change the seats.
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { tempDir } from "../ballot/readers.js"
import { cleanProtocol, protocolsCsv } from "../tally/elections.js"
import { bin, root, useBuiltCommand } from "../built-command.js"

useBuiltCommand()

/** `kenesh tally --format json` on an election object (written to a temp folder) and protocol files; the parsed result and exit code. */
const tally = (election: Record<string, unknown>, protocols: ReadonlyArray<string>) => {
  const dir = tempDir()
  const file = path.join(dir, "election.json")
  fs.writeFileSync(file, JSON.stringify(election))
  const r = spawnSync(process.execPath, [bin, "tally", "--election", file, ...protocols, "--format", "json"], { cwd: root, encoding: "utf8" })
  if (r.status !== 0 && r.status !== 1) throw new Error(r.stderr)
  return { code: r.status, result: JSON.parse(r.stdout) as { status: string; sensitivity: unknown } }
}

const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(root, "fixtures", name, "election.json"), "utf8")) as Record<string, unknown>

describe("kenesh tally: sensitivity", () => {
  it("no precinct in question: null", () => {
    expect(tally(fixture("kara-balta-2020"), ["fixtures/kara-balta-2020/protocols.csv"]).result.sensitivity).toBeNull()
  })

  it("Kara-Balta with 5101 annulled (README): 17 votes for Eldik take the 31st seat from SDPK", () => {
    const { code, result } = tally({ ...fixture("kara-balta-2020"), annulled: ["5101"] }, ["fixtures/kara-balta-2020/protocols.csv"])
    expect(code).toBe(0)
    const witness = {
      ballots: 17,
      to: { eldik: 17 },
      seats: { sdpk: 11, "el-aman": 7, "mekenim-kyrgyzstan": 7, eldik: 6, respublika: 0, "onuguu-progress": 0, sodruzhestvo: 0, dobro: 0 }
    }
    expect(result.sensitivity).toEqual({
      precincts: [{ precinct: "5101", why: "annulled", voters: 1495, answer: "can", witness }],
      together: { precincts: 1, voters: 1495, answer: "can", witness }
    })
  })

  it("a missing precinct is asked about with the registry's voters, and the witness re-runs with kenesh allocate", () => {
    const rows = fs.readFileSync(path.join(root, "fixtures/kara-balta-2020/protocols.csv"), "utf8").trimEnd().split("\n")
    const file = path.join(tempDir(), "protocols.csv")
    fs.writeFileSync(file, rows.filter((r) => !r.startsWith("5120,")).join("\n") + "\n")
    const { code, result } = tally(fixture("kara-balta-2020"), [file])
    expect(code).toBe(1)
    expect(result.status).toBe("incomplete")
    const s = result.sensitivity as { precincts: Array<{ precinct: string; why: string; voters: number; answer: string; witness: { to: Record<string, number>; seats: Record<string, number> } }> }
    expect(s.precincts.map((p) => [p.precinct, p.why, p.answer])).toEqual([["5120", "missing", "can"]])
    expect(s.precincts[0].voters).toBe((fixture("kara-balta-2020").precincts as Array<{ id: string; voters: number }>).find((p) => p.id === "5120")?.voters)
    // The base (all counted precincts) plus the witness, through the statutory allocation of the command line.
    const counted = JSON.parse(JSON.stringify(tally(fixture("kara-balta-2020"), [file]).result)) as { totals: { votes: Record<string, number>; participants: number; against_all: number; invalid: number } }
    const { to, seats } = s.precincts[0].witness
    const ballots = Object.values(to).reduce((a, b) => a + b, 0)
    const results = path.join(tempDir(), "results.csv")
    fs.writeFileSync(results, ["party,votes", ...Object.entries(counted.totals.votes).map(([id, v]) => `${id},${v + (to[id] ?? 0)}`)].join("\n") + "\n")
    const args = ["allocate", results, "--seats", "31", "--edition", "2011", "--format", "json"]
    args.push("--participants", String(counted.totals.participants + ballots), "--against-all", String(counted.totals.against_all + (to.against_all ?? 0)))
    args.push("--invalid", String(counted.totals.invalid + (to.invalid ?? 0)))
    const allocate = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8" })
    const rerun = JSON.parse(allocate.stdout) as { parties: Array<{ party: string; seats: number }> }
    expect(Object.fromEntries(rerun.parties.map((p) => [p.party, p.seats]))).toEqual(seats)
  })

  it("a small precinct annulled far from every boundary: a repeat vote there cannot change the seats", () => {
    const dir = tempDir()
    const protocols = path.join(dir, "protocols.csv")
    fs.writeFileSync(protocols, protocolsCsv(["a", "b"], [cleanProtocol("1", "T1", 1000, { a: 600, b: 300 }), cleanProtocol("2", "T1", 40, { a: 10, b: 5 })]))
    const city = {
      id: "c",
      name: "City",
      system: "proportional",
      edition: "2011",
      seats: 3,
      parties: [
        { id: "a", name: "A" },
        { id: "b", name: "B" }
      ],
      territories: [{ id: "T1", name: "T1" }],
      precincts: [
        { id: "1", territory: "T1", voters: 1000 },
        { id: "2", territory: "T1", voters: 40 }
      ],
      annulled: ["2"]
    }
    const { result } = tally(city, [protocols])
    expect(result.sensitivity).toEqual({
      precincts: [{ precinct: "2", why: "annulled", voters: 40, answer: "cannot", witness: null }],
      together: { precincts: 1, voters: 40, answer: "cannot", witness: null }
    })
  })

  it("in an ayil kenesh, the annulled precinct's district and who a witness would elect there", () => {
    const { result } = tally({ ...fixture("ak-jol-2024"), annulled: ["D3-P2"] }, ["fixtures/ak-jol-2024/protocols.csv"])
    // D3 is a single seat: 20 more votes for d3-usenova tie her with the leader, and a tie needs a lot (nobody certain).
    const witness = { ballots: 20, to: { "d3-usenova": 20 }, elected: { D3: [] } }
    expect(result.sensitivity).toEqual({
      precincts: [{ precinct: "D3-P2", why: "annulled", voters: 802, answer: "can", witness }],
      together: { precincts: 1, voters: 802, answer: "can", witness }
    })
  })
})
