/** Micro-benchmarks (tinybench) of each stage on generated inputs: decoding, checks, aggregation, allocation. */
import { Either } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Bench } from "tinybench"
import { allocateDistrict } from "../src/allocation/majoritarian.js"
import { allocateProportional } from "../src/allocation/proportional.js"
import type { DistrictInput, Method } from "../src/allocation/types.js"
import { readElection, type Election } from "../src/ballot/election.js"
import type { Interner } from "../src/ballot/interner.js"
import { firstChoice, L, type ProtocolRow, type ProtocolSink } from "../src/ballot/protocol.js"
import { readProtocolsCsvParse } from "../src/ballot/protocol-csv-parse.js"
import { readProtocolsFast, type ReadOptions } from "../src/ballot/protocol-scan.js"
import { generate } from "../src/generate/generate.js"
import { resolveOptions, type System } from "../src/generate/options.js"
import { checkProtocol, type CheckContext } from "../src/reconciliation/protocol-rules.js"
import { Tally, type TallyData } from "../src/tally/tally.js"
import { addRow, combineTotals, emptyTotals, participants } from "../src/tally/totals.js"
import { duration, figure, markdownTable } from "./table.js"

const precincts = 20_000
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kenesh-micro-"))

/** The reader options `kenesh tally` uses, handing rows to `sink` (with the sink's own table of precinct ids, if it has one). */
const readOptions = (election: Election, sink: ProtocolSink, precincts?: Interner): ReadOptions => ({
  name: "protocols.csv",
  fileIndex: 0,
  layout: election.layout,
  sink,
  ...(precincts !== undefined ? { precincts, addPrecincts: true } : {})
})

const noSink: ProtocolSink = { row: () => {} }

/** Generates an election of `precincts` into the temporary folder; returns its definition, file and rows (copied, each naming its precinct by text). */
const make = (system: System) => {
  const out = path.join(dir, system)
  generate(Either.getOrThrowWith(resolveOptions({ system, precincts, seed: "micro", out }), (e) => new Error(e.message)))
  const electionFile = path.join(out, "election.json")
  const election = Either.getOrThrowWith(readElection(electionFile), (p) => new Error(JSON.stringify(p)))
  const protocols = path.join(out, "protocols.csv")
  const rows: Array<ProtocolRow> = []
  const report = readProtocolsFast(protocols, readOptions(election, { row: (r) => rows.push({ ...r, values: r.values.slice() }) }))
  if (report.problems.length > 0) throw new Error(`generated protocols do not decode: ${report.problems[0].message}`)
  return { electionFile, election, protocols, rows, ctx: checkContext(election) }
}

/** The check context `Tally` builds: marks per voter for each district. */
const checkContext = (e: Election): CheckContext => {
  const marks = e.rules.marksPerVoter
  return { layout: e.layout, marks: e.districts.map((d) => (marks === "seats" ? d.seats : marks)) }
}

/** A tally of every row of an election, as `kenesh tally` adds them up. */
const tally = ({ election, rows }: ReturnType<typeof make>): TallyData => {
  const t = new Tally(election, ["protocols.csv"])
  for (const row of rows) t.row(row)
  return t.data()
}

/** A tally read from the file, as `kenesh tally` reads it: the reader fills rows from the tally's own table of ids. */
const tallyFile = ({ election, protocols }: ReturnType<typeof make>): TallyData => {
  const t = new Tally(election, ["protocols.csv"])
  readProtocolsFast(protocols, readOptions(election, t, t.ids))
  return t.data()
}

/** Runs every check on every row; returns the number of breaches (none in a clean election). */
const checkAll = ({ rows, ctx }: ReturnType<typeof make>): number => {
  let breaches = 0
  for (const row of rows) breaches += checkProtocol(row.values, row.district, ctx, () => {})
  return breaches
}

const prop = make("proportional")
const maj = make("majoritarian")
// The generated elections are clean: a finding here means the benchmark times a wrong computation.
for (const e of [prop, maj])
  for (const data of [tally(e), tallyFile(e)])
    if (data.findings.length > 0 || data.precincts.counted !== precincts)
      throw new Error(`the clean ${e.election.system} election gives ${data.findings.length} findings (${data.findings[0]?.code}) and ${data.precincts.counted} precincts counted`)
const propTally = tally(prop)
const v = propTally.totals.values

/** 51 seats among the 15 lists of the proportional election, by `method`, under its edition's threshold. */
const allocate51 = (method: Method) =>
  allocateProportional({
    seats: 51,
    lists: prop.election.parties.map((p, i) => ({ id: p.id, votes: v[firstChoice + i] })),
    participants: participants(v),
    againstAll: v[L.againstAll],
    invalid: v[L.invalid],
    rules: prop.election.rules,
    method
  })

/** 5,000 district inputs: the generated districts' tallied votes, repeated (each district is allocated on its own). */
const districtInputs: ReadonlyArray<DistrictInput> = (() => {
  const data = tally(maj)
  const own = maj.election.districts.map((d, di) => {
    const dv = data.districts[di].totals.values
    const choices = maj.election.layout.districtChoices[di]
    return {
      seats: d.seats,
      candidates: d.candidates.map((c, ci) => ({ id: c.id, votes: dv[firstChoice + choices[ci]], gender: c.gender })),
      againstAll: dv[L.againstAll],
      rules: maj.election.rules,
      reservedForWomen: d.reservedForWomen
    }
  })
  return Array.from({ length: 5000 }, (_, i) => own[i % own.length])
})()

const n = figure(precincts)
const tasks: ReadonlyArray<{ readonly name: string; readonly items: number; readonly fn: () => unknown }> = [
  { name: `readProtocolsFast: ${n} proportional rows`, items: precincts, fn: () => readProtocolsFast(prop.protocols, readOptions(prop.election, noSink)) },
  { name: `readProtocolsCsvParse: ${n} proportional rows`, items: precincts, fn: () => readProtocolsCsvParse(prop.protocols, readOptions(prop.election, noSink)) },
  { name: `readProtocolsFast: ${n} majoritarian rows`, items: precincts, fn: () => readProtocolsFast(maj.protocols, readOptions(maj.election, noSink)) },
  { name: `readProtocolsCsvParse: ${n} majoritarian rows`, items: precincts, fn: () => readProtocolsCsvParse(maj.protocols, readOptions(maj.election, noSink)) },
  { name: `readElection: 15 lists, ${n}-row registry CSV`, items: precincts, fn: () => readElection(prop.electionFile) },
  { name: `checkProtocol: ${n} proportional rows`, items: precincts, fn: () => checkAll(prop) },
  { name: `checkProtocol: ${n} majoritarian rows`, items: precincts, fn: () => checkAll(maj) },
  {
    name: `addRow: ${n} proportional rows`,
    items: precincts,
    fn: () => {
      const totals = emptyTotals(prop.election.layout)
      for (const row of prop.rows) addRow(totals, row.values)
      return totals
    }
  },
  { name: `combineTotals: ${propTally.territories.length} territory totals`, items: propTally.territories.length, fn: () => propTally.territories.map((t) => t.totals).reduce(combineTotals) },
  { name: `Tally: ${n} proportional rows`, items: precincts, fn: () => tally(prop) },
  { name: `Tally: ${n} majoritarian rows`, items: precincts, fn: () => tally(maj) },
  { name: `readProtocolsFast into a Tally: ${n} proportional rows`, items: precincts, fn: () => tallyFile(prop) },
  { name: "allocateProportional: 51 seats, 15 lists, hare (statutory)", items: 1, fn: () => allocate51("hare") },
  { name: "allocateProportional: 51 seats, 15 lists, dhondt", items: 1, fn: () => allocate51("dhondt") },
  { name: `allocateDistrict: ${figure(districtInputs.length)} districts`, items: districtInputs.length, fn: () => districtInputs.map(allocateDistrict) }
]

const bench = new Bench({ time: 1000, iterations: 10, warmupIterations: 3 })
for (const task of tasks) bench.add(task.name, task.fn)
await bench.run()
fs.rmSync(dir, { recursive: true, force: true })

const rows = bench.tasks.map((task, i) => {
  const r = task.result
  if (r.state !== "completed") {
    process.exitCode = 1
    return [task.name, r.state === "errored" ? `error: ${String(r.error)}` : r.state, "", "", "", ""]
  }
  const { latency, throughput } = r
  return [task.name, figure(throughput.mean), duration(latency.mean), duration(latency.p99), String(latency.samplesCount), figure(throughput.mean * tasks[i].items)]
})
console.log(`Micro-benchmarks, Node ${process.version}, ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores\n`)
console.log(markdownTable(["benchmark", "ops/s", "mean", "p99", "samples", "items/s"], rows))
