/**
 * End-to-end benchmark (`npm run bench`): generates elections with `kenesh generate`, then times the built
 * `kenesh tally` over them as a child process, alternating with DuckDB summing the same file (the comparison),
 * and once with csv-parse (the straightforward baseline); also the start-up of `kenesh --help` against `node -e 0`.
 * Options: `--sizes 100000,1000000` (proportional; the majoritarian election takes the smallest), `--runs N`,
 * `--skip-baseline` (it is always skipped above 1,000,000), `--write` (also writes bench/RESULTS.md).
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import type { System } from "../src/generate/options.js"
import type { Reader } from "../src/tally/ingest.js"
import { stageLine } from "../src/cli/stages.js"
import { duration, figure, markdownTable } from "./table.js"

/** The repository root, from this bundle's place in dist/bench/. */
const root = fileURLToPath(new URL("../../", import.meta.url))
const kenesh = path.join(root, "dist/src/bin/kenesh.js")
const duckdbSum = path.join(root, "bench/duckdb-sum.mjs")
const outDir = path.join(root, "bench/out")
const rssFile = path.join(outDir, "max-rss")

/** A preload that writes the process's peak resident set (KiB, getrusage's ru_maxrss) to $KENESH_BENCH_RSS on exit. */
const maxRssPreload =
  'data:text/javascript,import{writeFileSync}from"node:fs";process.on("exit",()=>writeFileSync(process.env.KENESH_BENCH_RSS,String(process.resourceUsage().maxRSS)))'

/** Stops the benchmark with a message. */
const fail = (message: string): never => {
  console.error(`bench: ${message}`)
  process.exit(1)
}

/** The command line's options, or a one-line message for an unknown or malformed one. */
const readFlags = () => {
  try {
    return parseArgs({
      options: {
        sizes: { type: "string", default: "100000,1000000" },
        runs: { type: "string", default: "5" },
        "skip-baseline": { type: "boolean", default: false },
        write: { type: "boolean", default: false }
      }
    }).values
  } catch (e) {
    return fail((e as Error).message)
  }
}
const flags = readFlags()
const wholeNumber = (text: string): number => (/^[1-9][0-9]*$/.test(text) ? Number(text) : fail(`not a whole number: "${text}"`))
const sizes = flags.sizes.split(",").map(wholeNumber)
const runs = wholeNumber(flags.runs)

/** One timed child process. */
interface Run {
  readonly ms: number
  readonly rssBytes: number
  readonly status: number | null
  readonly stdout: Buffer
  readonly stderr: Buffer
}

/** Runs `node SCRIPT ...args` in `cwd`: wall time from spawn to exit, peak RSS, exit code, output. */
const timeNode = (script: ReadonlyArray<string>, args: ReadonlyArray<string>, cwd: string, env: Record<string, string> = {}): Run => {
  fs.rmSync(rssFile, { force: true })
  const start = performance.now()
  const child = spawnSync(process.execPath, [`--import=${maxRssPreload}`, ...script, ...args], {
    cwd,
    env: { ...process.env, ...env, KENESH_BENCH_RSS: rssFile },
    maxBuffer: 1 << 30
  })
  const ms = performance.now() - start
  if (child.error !== undefined) fail(`cannot run ${script.join(" ")}: ${child.error.message}`)
  return { ms, rssBytes: Number(fs.readFileSync(rssFile, "utf8")) * 1024, status: child.status, stdout: child.stdout, stderr: child.stderr }
}

/** Runs the built `kenesh ...args` in `cwd`, with extra environment variables. */
const timeKenesh = (args: ReadonlyArray<string>, cwd: string, env: Record<string, string> = {}): Run => timeNode([kenesh], args, cwd, env)

/** Runs DuckDB's sums over a protocols file in `cwd`, with as many threads as the machine has cores. */
const timeDuckdb = (e: Generated): Run => {
  const run = timeNode([duckdbSum], ["protocols.csv", String(os.cpus().length)], e.dir)
  if (run.status !== 0) fail(`DuckDB exited with ${run.status} on ${e.label}: ${run.stderr.toString().slice(0, 2000)}`)
  return run
}

/** The protocols file size from which `kenesh tally` reads with worker threads (src/tally/parallel.ts). */
const parallelFrom = 48 << 20

/** A generated election and the timing of its generation. */
interface Generated {
  readonly label: string
  readonly dir: string
  readonly protocols: number
  readonly bytes: number
  readonly run: Run
}

/** Generates an election of `n` precincts (50 territories, default districts) into bench/out/<system>-<n>. */
const generateElection = (system: System, n: number): Generated => {
  const dir = path.join(outDir, `${system}-${n}`)
  const label = `${system} ${figure(n)}`
  console.error(`${label}: generating`)
  const choices = system === "proportional" ? ["--parties", "15"] : []
  const run = timeKenesh(["generate", "--system", system, "--precincts", String(n), "--seed", "bench", "--territories", "50", ...choices, "--out", dir, "--format", "json"], root)
  if (run.status !== 0) fail(`kenesh generate exited with ${run.status}: ${run.stderr.toString()}`)
  const summary = JSON.parse(run.stdout.toString()) as { readonly protocols: number }
  return { label, dir, protocols: summary.protocols, bytes: fs.statSync(path.join(dir, "protocols.csv")).size, run }
}

/**
 * Times `kenesh tally` with one reader, each run followed by `between` (DuckDB's, so the two alternate and
 * share the machine's phases); every run must exit 0 and print `expected` (by default, the first run's output).
 */
const timeTally = (e: Generated, reader: Reader, times: number, expected?: Buffer, between?: (i: number) => void, oneThread = false): ReadonlyArray<Run> => {
  const readerFlag = reader === "fast" ? [] : ["--reader", reader]
  const name = oneThread ? `${reader}, 1 thread` : reader
  let reference = expected
  return Array.from({ length: times }, (_, i) => {
    const run = timeKenesh(["tally", "--election", "election.json", "--format", "json", ...readerFlag, "protocols.csv"], e.dir, oneThread ? { KENESH_WORKERS: "1" } : {})
    console.error(`${e.label}: ${name} run ${i + 1}/${times}: ${duration(run.ms)}, ${figure(run.rssBytes / 2 ** 20)} MiB`)
    if (run.status !== 0) fail(`kenesh tally (${name}) exited with ${run.status} on ${e.label}: ${run.stderr.toString().slice(0, 2000)}`)
    reference ??= run.stdout
    if (!run.stdout.equals(reference)) fail(`kenesh tally (${name}) printed different JSON on ${e.label}`)
    between?.(i)
    return run
  })
}

/**
 * One extra run of `kenesh tally` with `KENESH_STAGES=1`: its stage breakdown (name, ms, whether it ran beside the
 * main thread), from stderr. Its output must be the timed runs' output.
 */
const stageRun = (e: Generated, expected: Buffer): ReadonlyArray<{ readonly name: string; readonly ms: number; readonly beside: boolean }> => {
  const run = timeKenesh(["tally", "--election", "election.json", "--format", "json", "protocols.csv"], e.dir, { KENESH_STAGES: "1" })
  if (run.status !== 0 || !run.stdout.equals(expected)) fail(`kenesh tally with KENESH_STAGES=1 exited with ${run.status} or printed different JSON on ${e.label}`)
  return run.stderr
    .toString()
    .split("\n")
    .flatMap((l) => {
      const m = stageLine.exec(l)
      return m === null ? [] : [{ name: m[1] ?? "total", ms: Number(m[4]), beside: m[2] !== undefined }]
    })
}

/** The stage breakdown table: one row per stage (in the order first seen), one column per election. */
const stageTable = (byElection: ReadonlyArray<[string, ReturnType<typeof stageRun>]>): string => {
  const names = [...new Set(byElection.flatMap(([, stages]) => stages.map((s) => (s.beside ? `${s.name} (beside)` : s.name))))]
  const cell = (stages: ReturnType<typeof stageRun>, name: string) => {
    const s = stages.find((x) => (x.beside ? `${x.name} (beside)` : x.name) === name)
    return s === undefined ? "" : duration(s.ms)
  }
  return markdownTable(["stage", ...byElection.map(([label]) => label)], names.map((name) => [name, ...byElection.map(([, stages]) => cell(stages, name))]))
}

/** The middle value (the mean of the middle two for an even count). */
const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
/** Bytes as binary megabytes (memory) and decimal megabytes (files). */
const mib = (bytes: number) => `${figure(bytes / 2 ** 20)} MiB`
const mb = (bytes: number) => `${figure(bytes / 1e6)} MB`

/** One table row for a reader's runs over an election. */
const tallyRow = (e: Generated, reader: string, rs: ReadonlyArray<Run>, speedup: string): Array<string> => {
  const mid = median(rs.map((r) => r.ms))
  const peak = Math.max(...rs.map((r) => r.rssBytes))
  const min = Math.min(...rs.map((r) => r.ms))
  return [e.label, mb(e.bytes), reader, String(rs.length), duration(mid), duration(min), figure(e.protocols / (mid / 1000)), figure(e.bytes / 1e6 / (mid / 1000)), mib(peak), speedup]
}

fs.mkdirSync(outDir, { recursive: true })
const loadAtStart = os.loadavg()[0]
const plan: ReadonlyArray<[System, number]> = [...sizes.map((n): [System, number] => ["proportional", n]), ["majoritarian", Math.min(...sizes)]]
const tallyRows: Array<Array<string>> = []
const generateRows: Array<Array<string>> = []
const duckdbRows: Array<Array<string>> = []
const stageRows: Array<[string, ReturnType<typeof stageRun>]> = []
for (const [system, n] of plan) {
  const e = generateElection(system, n)
  generateRows.push([e.label, mb(e.bytes), duration(e.run.ms), figure(e.bytes / 1e6 / (e.run.ms / 1000)), mib(e.run.rssBytes)])
  const duck: Array<Run> = []
  const fast = timeTally(e, "fast", runs, undefined, (i) => {
    duck.push(timeDuckdb(e))
    console.error(`${e.label}: DuckDB run ${i + 1}/${runs}: ${duration(duck[i].ms)}, ${figure(duck[i].rssBytes / 2 ** 20)} MiB`)
  })
  if (system === "proportional") stageRows.push([e.label, stageRun(e, fast[0].stdout)])
  const ratio = median(fast.map((r) => r.ms)) / median(duck.map((r) => r.ms))
  duckdbRows.push([e.label, mb(e.bytes), String(runs), duration(median(fast.map((r) => r.ms))), duration(median(duck.map((r) => r.ms))), `${ratio.toFixed(2)}`, mib(Math.max(...fast.map((r) => r.rssBytes))), mib(Math.max(...duck.map((r) => r.rssBytes)))])
  // A file read by worker threads is also read with one thread (KENESH_WORKERS=1), up to 1,000,000 protocols.
  const single = system === "proportional" && e.bytes >= parallelFrom && n <= 1_000_000 ? [tallyRow(e, "fast, 1 thread", timeTally(e, "fast", runs, fast[0].stdout, undefined, true), "")] : []
  // csv-parse takes about 40 s per million protocols: it is run once at 1,000,000 and not beyond.
  if (flags["skip-baseline"] || n > 1_000_000) {
    tallyRows.push(tallyRow(e, "fast", fast, ""), ...single)
    continue
  }
  const baseline = timeTally(e, "csv-parse", n >= 1_000_000 ? 1 : runs, fast[0].stdout)
  const speedup = median(baseline.map((r) => r.ms)) / median(fast.map((r) => r.ms))
  tallyRows.push(tallyRow(e, "fast", fast, `${speedup.toFixed(1)}×`), ...single, tallyRow(e, "csv-parse", baseline, ""))
}

/** Start-up: `kenesh --help` against a bare `node -e 0`, alternating. */
const startRuns = Array.from({ length: 2 * runs + 1 }, () => [timeNode(["-e", "0"], [], root).ms, timeKenesh(["--help"], root).ms])
const startRow = [duration(median(startRuns.map(([n]) => n))), duration(median(startRuns.map(([, k]) => k))), (median(startRuns.map(([, k]) => k)) / median(startRuns.map(([n]) => n))).toFixed(2)]

const cpus = os.cpus()
const args = process.argv.slice(2)
const command = args.length === 0 ? "npm run bench" : `npm run bench -- ${args.join(" ")}`
const document = `# kenesh-tally benchmarks

Measured ${new Date().toISOString().slice(0, 10)} with \`${command}\`.
Machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ${figure(os.totalmem() / 2 ** 30)} GiB memory, ${os.type()} ${os.release()}; Node ${process.version}.
Load average when the run started: ${loadAtStart.toFixed(2)}.

## Method

- Elections come from \`kenesh generate --seed bench --territories 50\` (no faults, registry as \`precincts.csv\`):
  proportional with 15 party lists at each size, and one majoritarian election (default districts) at the smallest size.
- Each figure times the built command \`node dist/src/bin/kenesh.js tally --election election.json --format json protocols.csv\`
  as a child process, from spawn to exit: Node start-up, the election and registry, decoding, every check, totals,
  seats, hashing the inputs and printing the JSON. Median and minimum of the runs; the minimum is the run least
  disturbed by other load on the machine.
- \`fast, 1 thread\` is the same command with \`KENESH_WORKERS=1\` on a file the default reads with worker threads
  (48 MiB and more), up to 1,000,000 precincts.
- \`csv-parse\` is the same command with \`--reader csv-parse\` (the straightforward pipeline), run once at 1,000,000
  precincts (and not beyond). Every run must exit 0 and print JSON byte-identical to the fast reader's first run.
- Protocols/s and MB/s are taken at the median time; MB/s is of \`protocols.csv\` (1 MB = 10^6 bytes). Speedup is
  median over median.
- Peak memory is the child's resident-set high-water mark, \`process.resourceUsage().maxRSS\`, recorded at exit by a
  preload module (\`--import\`).

## kenesh tally

${markdownTable(["election", "protocols.csv", "reader", "runs", "median", "min", "protocols/s", "MB/s", "peak RSS", "speedup"], tallyRows)}

## kenesh tally against DuckDB

DuckDB (\`@duckdb/node-api\`, \`bench/duckdb-sum.mjs\`) reads the same \`protocols.csv\` with \`read_csv\` and sums every count
column per territory, with as many threads as cores, as a whole Node process; the two alternate run by run. It checks
nothing and allocates nothing: kenesh's runs do every check, the registry, the seats and the SHA-256 of the inputs.
The ratio is kenesh's median over DuckDB's (below 1: kenesh is faster).

${markdownTable(["election", "protocols.csv", "runs", "kenesh median", "DuckDB median", "ratio", "kenesh peak RSS", "DuckDB peak RSS"], duckdbRows)}

## Where the time goes

One more run of each proportional election with \`KENESH_STAGES=1\` (one run: expect noise), its stages' wall
times as \`kenesh tally\` prints them on stderr. The main thread's stages follow one another from the process's start
and add up to the total; lines marked *(beside)* ran at the same time in worker threads (files of 48 MiB and more).

${stageTable(stageRows)}

## Start-up

${markdownTable(["node -e 0", "kenesh --help", "ratio"], [startRow])}

## kenesh generate

${markdownTable(["election", "protocols.csv", "time", "MB/s", "peak RSS"], generateRows)}
`
console.log(document)
if (flags.write) {
  // The load run's section (bench/load.ts) is kept as it is: this run does not measure it.
  const file = path.join(root, "bench/RESULTS.md")
  const previous = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : ""
  const at = previous.indexOf("\n## Election-night service")
  fs.writeFileSync(file, at < 0 ? document : `${document}${previous.slice(at)}`)
}
