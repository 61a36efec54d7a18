// Writes the golden results from the built command (run `node scripts/build.mjs` first), run from the repository
// root so the input paths (and their SHA-256, kept) read as in the files:
// - fixtures/<case>/expected.json: `kenesh tally --format json` on each case's election.json and protocols.csv;
// - fixtures/<case>/report.html, report.ru.html, report.ky.html: the report.html `tally --out` writes, in English,
//   Russian and Kyrgyz (`--lang`).
// tests/cli/tally.test.ts and tests/report/golden.test.ts compare the current output with them. Regenerate only
// when a change of the result or the report is intended, and review the diff.
import { spawnSync } from "node:child_process"
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const bin = "dist/src/bin/kenesh.js"
if (!existsSync(bin)) throw new Error(`${bin} is missing: run node scripts/build.mjs first`)

/** The golden cases: every fixture folder with an election and protocols. */
export const cases = readdirSync("fixtures", { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`fixtures/${d.name}/election.json`) && existsSync(`fixtures/${d.name}/protocols.csv`))
  .map((d) => d.name)
  .sort()

/** The golden report of each language: its file name in the case's folder. */
export const reports = [
  ["en", "report.html"],
  ["ru", "report.ru.html"],
  ["ky", "report.ky.html"]
]

const tally = (dir, ...more) => {
  const run = spawnSync(process.execPath, [bin, "tally", "--election", `${dir}/election.json`, `${dir}/protocols.csv`, "--format", "json", ...more], { encoding: "utf8" })
  if (run.status !== 0 && run.status !== 1) throw new Error(`${dir}: exit ${run.status}\n${run.stderr}`)
  return run
}

for (const name of cases) {
  const dir = `fixtures/${name}`
  const run = tally(dir)
  JSON.parse(run.stdout)
  writeFileSync(`${dir}/expected.json`, run.stdout)
  console.log(`${dir}/expected.json: ${JSON.parse(run.stdout).status} (exit ${run.status})`)
  for (const [lang, file] of reports) {
    const out = mkdtempSync(join(tmpdir(), "kenesh-golden-"))
    tally(dir, "--out", out, "--lang", lang)
    copyFileSync(join(out, "report.html"), `${dir}/${file}`)
    rmSync(out, { recursive: true, force: true })
    console.log(`${dir}/${file}`)
  }
}
