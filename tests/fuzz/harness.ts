/**
 * The fuzz harness: base elections, one mutated case per seed, the built command run on it as a child process with
 * a time bound, and the properties every run must have (issue 13):
 * - it exits 0, 1 or 2 within the time bound;
 * - an exit 2 prints at least one `file:line:column:` message (an argument error: a message naming the flag), and
 *   never a stack trace;
 * - after an exit 2 nothing was written to `--out`; after 0 or 1 the whole set is there and nothing else;
 * - `--reader fast` and `--reader csv-parse` give the same exit code, the same problems and the same output;
 * - no message holds a control character that was not in the input.
 */
import { execFile, spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { mutateArgs, mutateCsv, mutateElection } from "./mutate.js"
import { Random } from "./random.js"

/** What is fuzzed. */
export const targets = ["protocols", "registry", "election", "results", "arguments"] as const
export type Target = (typeof targets)[number]

/** The result of one run of the command. */
interface Run {
  readonly code: number | null
  readonly signal: string | null
  readonly stdout: string
  readonly stderr: string
  readonly ms: number
}

/** One case's outcome: the exit code of its (first) run, and every property it broke. */
export interface Outcome {
  readonly target: Target
  readonly seed: string
  readonly dir: string
  readonly code: number | null
  readonly failures: ReadonlyArray<string>
}

/** The base inputs the cases mutate. */
export interface Bases {
  readonly work: string
  readonly bin: string
  /** Elections: a folder with election.json, protocols.csv and (registry as CSV) precincts.csv. */
  readonly elections: ReadonlyArray<{ readonly dir: string; readonly registryCsv: boolean; readonly ids: ReadonlyArray<string> }>
  /** results.csv texts for `allocate`, each with a number of seats. */
  readonly results: ReadonlyArray<{ readonly text: string; readonly seats: number }>
}

const outputs = ["result.json", "summary.csv", "seats.csv", "findings.csv", "report.html"]

/** Runs the built command in `cwd`, killed after `timeoutMs`. */
const run = (bin: string, argv: ReadonlyArray<string>, cwd: string, timeoutMs: number): Promise<Run> =>
  new Promise((resolve) => {
    const start = Date.now()
    const child = execFile(process.execPath, [bin, ...argv], { cwd, timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 1 << 28, encoding: "buffer", env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof (error as { code?: unknown }).code === "number" ? ((error as { code: number }).code) : null
      resolve({ code: child.exitCode ?? code, signal: child.signalCode, stdout: stdout.toString("utf8"), stderr: stderr.toString("utf8"), ms: Date.now() - start })
    })
    child.stdin?.end()
  })

/** Prepares the base elections in `work`: generated ones of both systems (registry as CSV) and the fixtures (registry inline). */
export const prepareBases = (root: string, work: string): Bases => {
  const bin = path.join(root, "dist/src/bin/kenesh.js")
  fs.mkdirSync(work, { recursive: true })
  const elections: Array<{ dir: string; registryCsv: boolean; ids: Array<string> }> = []
  const generated: Array<[string, Array<string>]> = [
    ["city", ["--system", "proportional", "--precincts", "30", "--parties", "5", "--fault-rate", "0.2"]],
    ["ayil", ["--system", "majoritarian", "--precincts", "24", "--districts", "3", "--fault-rate", "0.2"]]
  ]
  for (const [name, args] of generated) {
    const dir = path.join(work, "base", name)
    const g = spawnSync(process.execPath, [bin, "generate", ...args, "--seed", "fuzz", "--out", dir, "--format", "json"], { encoding: "utf8" })
    if (g.status !== 0) throw new Error(`kenesh generate failed: ${g.stderr}`)
    fs.rmSync(path.join(dir, "faults.json"), { force: true })
    const ids = fs.readFileSync(path.join(dir, "precincts.csv"), "utf8").split("\n").slice(1).filter((l) => l !== "").map((l) => l.split(",")[0])
    elections.push({ dir, registryCsv: true, ids })
  }
  for (const fixture of ["kara-balta-2020", "ak-jol-2024"]) {
    const dir = path.join(work, "base", fixture)
    fs.mkdirSync(dir, { recursive: true })
    for (const f of ["election.json", "protocols.csv"]) fs.copyFileSync(path.join(root, "fixtures", fixture, f), path.join(dir, f))
    const doc = JSON.parse(fs.readFileSync(path.join(dir, "election.json"), "utf8")) as { precincts?: Array<{ id: string }> }
    elections.push({ dir, registryCsv: false, ids: (doc.precincts ?? []).map((p) => p.id) })
  }
  const results: Array<{ text: string; seats: number }> = []
  for (const e of elections) {
    const t = spawnSync(process.execPath, [bin, "tally", "--election", "election.json", "protocols.csv", "--format", "json"], { cwd: e.dir, encoding: "utf8", maxBuffer: 1 << 26 })
    const result = JSON.parse(t.stdout) as { totals: { votes: Record<string, number> } }
    const doc = JSON.parse(fs.readFileSync(path.join(e.dir, "election.json"), "utf8")) as { seats?: number; districts?: Array<{ candidates: Array<{ id: string; gender: string }> }> }
    const votes = Object.entries(result.totals.votes)
    if (doc.districts === undefined) results.push({ text: ["party,votes", ...votes.map(([id, v]) => `${id},${v}`)].join("\n") + "\n", seats: doc.seats ?? 5 })
    else {
      const gender = new Map(doc.districts.flatMap((d) => d.candidates.map((c) => [c.id, c.gender] as const)))
      const first = doc.districts[0].candidates.map((c) => c.id)
      results.push({ text: ["candidate,votes,gender", ...votes.filter(([id]) => first.includes(id)).map(([id, v]) => `${id},${v},${gender.get(id)}`)].join("\n") + "\n", seats: 2 })
    }
  }
  return { work, bin, elections, results }
}

/** The control characters of a text (line feeds aside). */
const controls = (text: string): Set<string> => {
  // eslint-disable-next-line no-control-regex
  return new Set((text.match(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g) ?? []) as Array<string>)
}

const positioned = /^[^\n]*:\d+:\d+: /m
const stackTrace = /^\s+at .+(:\d+:\d+\)?|\(native\))$|^\w*Error: /m

/** A case: the files written into its folder and the command lines to run (two for a reader comparison). */
interface Case {
  readonly argvs: ReadonlyArray<ReadonlyArray<string>>
  readonly inputs: ReadonlyArray<Buffer | string>
  /** The `--out` folder of each run, or null. */
  readonly outs: ReadonlyArray<string | null>
  readonly argumentCase: boolean
}

const copyBase = (from: string, to: string) => {
  fs.mkdirSync(to, { recursive: true })
  for (const f of fs.readdirSync(from)) fs.copyFileSync(path.join(from, f), path.join(to, f))
}

/** Writes the case of `seed` for `target` into `dir`. */
const makeCase = (bases: Bases, target: Target, seed: string, dir: string): Case => {
  const r = new Random(seed)
  const readers = (extra: ReadonlyArray<string>): Case["argvs"] =>
    ["fast", "csv-parse"].map((reader) => ["tally", "--election", "election.json", "protocols.csv", "--out", `out-${reader}`, "--format", "json", "--reader", reader, ...extra])
  if (target === "protocols" || target === "registry") {
    const base = target === "registry" ? r.pick(bases.elections.filter((e) => e.registryCsv)) : r.pick(bases.elections)
    copyBase(base.dir, dir)
    const file = path.join(dir, target === "registry" ? "precincts.csv" : "protocols.csv")
    const bytes = mutateCsv(r, fs.readFileSync(file, "utf8"))
    fs.writeFileSync(file, bytes)
    return { argvs: readers([]), inputs: [bytes], outs: ["out-fast", "out-csv-parse"], argumentCase: false }
  }
  if (target === "election") {
    const base = r.pick(bases.elections)
    copyBase(base.dir, dir)
    const file = path.join(dir, "election.json")
    const bytes = mutateElection(r, fs.readFileSync(file, "utf8"), base.ids)
    fs.writeFileSync(file, bytes)
    fs.mkdirSync(path.join(dir, "folder"))
    if (bytes.includes("fifo")) spawnSync("mkfifo", [path.join(dir, "fifo")])
    // The readers are compared on CSV files; an election case runs once, with either reader.
    const argv = r.pick(readers([]))
    return { argvs: [argv], inputs: [bytes], outs: [argv[argv.indexOf("--out") + 1]], argumentCase: false }
  }
  if (target === "results") {
    fs.mkdirSync(dir, { recursive: true })
    const base = r.pick(bases.results)
    const bytes = mutateCsv(r, base.text)
    fs.writeFileSync(path.join(dir, "results.csv"), bytes)
    const extra = r.pick([[], ["--method", "dhondt"], ["--edition", "2011"], ["--tie", "votes"], ["--threshold", "3", "--method", "sainte-lague"]])
    return { argvs: [["allocate", "results.csv", "--seats", String(base.seats), "--format", "json", ...extra]], inputs: [bytes], outs: [null], argumentCase: false }
  }
  const base = bases.elections[0]
  copyBase(base.dir, dir)
  fs.writeFileSync(path.join(dir, "results.csv"), bases.results[0].text)
  const templates: ReadonlyArray<ReadonlyArray<string>> = [
    ["tally", "--election", "election.json", "protocols.csv", "--out", "out", "--format", "json", "--reader", "csv-parse"],
    ["validate", "--election", "election.json", "protocols.csv", "--format", "csv"],
    ["allocate", "results.csv", "--seats", "7", "--method", "dhondt", "--threshold", "5", "--threshold-op", "ge", "--format", "json"],
    ["allocate", "results.csv", "--seats", "5", "--lot", bases.elections[0].ids[0] ?? "a", "--participants", "100000", "--format", "table"],
    ["generate", "--system", "proportional", "--precincts", "20", "--seed", "s", "--out", "gen", "--format", "json"]
  ]
  const argv = mutateArgs(r, r.pick(templates))
  const outIndex = argv.findIndex((a) => a === "--out" || a.startsWith("--out="))
  const out = outIndex < 0 ? null : argv[outIndex].startsWith("--out=") ? argv[outIndex].slice(6) : (argv[outIndex + 1] ?? null)
  return { argvs: [argv], inputs: [argv.join(" ")], outs: [out !== null && /^(out|gen)$/.test(out) ? out : null], argumentCase: true }
}

/** Checks one run against the properties; returns what it broke. */
const check = (c: Case, runIndex: number, r: Run, dir: string, inputControls: Set<string>): Array<string> => {
  const failures: Array<string> = []
  const label = c.argvs.length > 1 ? `[${c.argvs[runIndex].at(-1)}] ` : ""
  if (r.code === null) failures.push(`${label}no exit code (${r.signal ?? "?"} after ${r.ms} ms: over the time bound?)`)
  else if (![0, 1, 2].includes(r.code)) failures.push(`${label}exit ${r.code}: ${r.stderr.split("\n")[0]}`)
  if (stackTrace.test(r.stderr)) failures.push(`${label}a stack trace on stderr`)
  if (r.code === 2) {
    // An argument error names its flag (or the command); any other names its file, line and column.
    const named = positioned.test(r.stderr) || /^kenesh: (.*[\s(])?--?[A-Za-z]/m.test(r.stderr) || (c.argumentCase && /^kenesh: .*(command|PROTOCOLS|RESULTS)/m.test(r.stderr))
    if (!named) failures.push(`${label}exit 2 without a file:line:column: message or a flag named: ${r.stderr.slice(0, 200)}`)
  }
  for (const ch of controls(r.stderr)) if (!inputControls.has(ch)) failures.push(`${label}a control character U+${ch.charCodeAt(0).toString(16).padStart(4, "0")} on stderr that is not in the input`)
  const out = c.outs[runIndex]
  if (out !== null) {
    const target = path.join(dir, out)
    const leftovers = fs.readdirSync(dir).filter((e) => e.startsWith(`.${out}.kenesh-`))
    if (leftovers.length > 0) failures.push(`${label}left beside --out: ${leftovers.join(", ")}`)
    if (r.code === 2 && fs.existsSync(target)) failures.push(`${label}exit 2 but --out ${out} was written`)
    const help = c.argvs[runIndex].some((a) => a === "--help" || a === "-h")
    if ((r.code === 0 || r.code === 1) && c.argvs[runIndex][0] === "tally" && !help) {
      const missing = outputs.filter((f) => !fs.existsSync(path.join(target, f)))
      if (missing.length > 0) failures.push(`${label}exit ${r.code} but --out lacks ${missing.join(", ")}`)
    }
  }
  if ((r.code === 0 || r.code === 1) && c.argvs[runIndex].includes("json") && !c.argumentCase)
    try {
      JSON.parse(r.stdout)
    } catch {
      failures.push(`${label}exit ${r.code} with --format json but stdout is not JSON`)
    }
  return failures
}

/** Runs the case of `seed` for `target` in a folder under `bases.work`; the folder is removed when the case passes, unless `keep`. */
export const runCase = async (bases: Bases, target: Target, seed: string, timeoutMs: number, keep = false): Promise<Outcome> => {
  const dir = path.join(bases.work, "cases", seed.replace(/[^A-Za-z0-9_-]/g, "_"))
  fs.rmSync(dir, { recursive: true, force: true })
  const c = makeCase(bases, target, seed, dir)
  // The command lines, kept with the input for whoever looks at a failing case.
  fs.writeFileSync(path.join(dir, "argv.json"), JSON.stringify(c.argvs, null, 1))
  const inputControls = new Set<string>()
  for (const input of c.inputs) {
    const text = typeof input === "string" ? input : input.toString("utf8") + input.toString("latin1") + input.toString("utf16le")
    for (const ch of controls(text)) inputControls.add(ch)
  }
  const runs: Array<Run> = []
  for (const argv of c.argvs) runs.push(await run(bases.bin, argv, dir, timeoutMs))
  const failures = runs.flatMap((r, i) => check(c, i, r, dir, inputControls))
  if (runs.length === 2) {
    const [a, b] = runs
    if (a.code !== b.code) failures.push(`the readers disagree: fast exits ${a.code}, csv-parse exits ${b.code}`)
    else if (a.stderr !== b.stderr) failures.push(`the readers report different problems:\n  fast:      ${a.stderr.split("\n").slice(0, 3).join("\n             ")}\n  csv-parse: ${b.stderr.split("\n").slice(0, 3).join("\n             ")}`)
    else if (a.stdout !== b.stdout) failures.push("the readers give different results on stdout")
  }
  if (failures.length === 0 && !keep) fs.rmSync(dir, { recursive: true, force: true })
  return { target, seed, dir, code: runs[0].code, failures }
}

/** Runs `count` cases from `seed` (case i: target i mod 5, seed `${seed}:${i}`), `jobs` at a time. */
export const runCases = async (bases: Bases, options: { seed: string; from?: number; count: number; jobs: number; timeoutMs: number; keep?: boolean; onDone?: (o: Outcome) => void }): Promise<Array<Outcome>> => {
  const outcomes: Array<Outcome> = []
  let next = options.from ?? 0
  const end = next + options.count
  const worker = async () => {
    while (next < end) {
      const i = next++
      const o = await runCase(bases, targets[i % targets.length], `${options.seed}:${i}`, options.timeoutMs, options.keep)
      outcomes.push(o)
      options.onDone?.(o)
    }
  }
  await Promise.all(Array.from({ length: options.jobs }, worker))
  return outcomes.sort((a, b) => Number(a.seed.split(":").at(-1)) - Number(b.seed.split(":").at(-1)))
}

/** The figures of a run: per target, cases and exit codes, and failures. */
export const figures = (outcomes: ReadonlyArray<Outcome>): string => {
  const rows = [["target", "cases", "exit 0", "exit 1", "exit 2", "other", "failed"]]
  for (const t of [...targets, "all"] as const) {
    const os = outcomes.filter((o) => t === "all" || o.target === t)
    const n = (code: number) => String(os.filter((o) => o.code === code).length)
    rows.push([t, String(os.length), n(0), n(1), n(2), String(os.filter((o) => ![0, 1, 2].includes(o.code ?? -1)).length), String(os.filter((o) => o.failures.length > 0).length)])
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)))
  return rows.map((r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`).join("\n")
}

/** A failing case as a person reproduces it. */
export const describeFailure = (o: Outcome): string =>
  `case ${o.seed} (${o.target}), input in ${o.dir}; rerun: npm run fuzz -- --seed ${o.seed.split(":").slice(0, -1).join(":")} --from ${o.seed.split(":").at(-1)} --cases 1 --keep\n  ${o.failures.join("\n  ")}`
