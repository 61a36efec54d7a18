/**
 * `npm run fuzz -- [--cases N] [--seed S] [--from I] [--jobs J] [--timeout MS] [--keep]`: many fuzz cases against the
 * built command, the figures per target, and each failing case with its seed and the path of its input.
 */
import * as os from "node:os"
import * as path from "node:path"
import * as fs from "node:fs"
import { describeFailure, figures, prepareBases, runCases } from "./harness.js"

const args = process.argv.slice(2)
const flag = (name: string, fallback: string): string => {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`))
  if (i < 0) return fallback
  return args[i].includes("=") ? args[i].slice(args[i].indexOf("=") + 1) : (args[i + 1] ?? fallback)
}
const count = Number(flag("cases", "1000"))
const seed = flag("seed", String(Date.now()))
const from = Number(flag("from", "0"))
const jobs = Number(flag("jobs", "4"))
const timeoutMs = Number(flag("timeout", "20000"))
const keep = args.includes("--keep")
const root = path.resolve(import.meta.dirname, "../../..")
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kenesh-fuzz-"))

const bases = prepareBases(root, work)
const started = Date.now()
let done = 0
const outcomes = await runCases(bases, {
  seed,
  from,
  count,
  jobs,
  timeoutMs,
  keep,
  onDone: (o) => {
    done++
    if (o.failures.length > 0) process.stdout.write(`FAIL ${describeFailure(o)}\n`)
    if (process.stderr.isTTY) process.stderr.write(`\r${done} of ${count} cases`)
  }
})
const failed = outcomes.filter((o) => o.failures.length > 0)
process.stdout.write(`\nseed ${seed}, cases ${from} to ${from + count - 1}, ${jobs} at a time, ${((Date.now() - started) / 1000).toFixed(0)} s\n${figures(outcomes)}\n`)
if (failed.length === 0) fs.rmSync(work, { recursive: true, force: true })
else process.stdout.write(`${failed.length} failing case(s); their inputs are kept under ${work}\n`)
process.exitCode = failed.length === 0 ? 0 : 1
