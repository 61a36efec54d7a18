// Writes the golden results fixtures/<case>/expected.json from the built command (run `node scripts/build.mjs`
// first): `kenesh tally --format json` on each case's election.json and protocols.csv, run from the repository
// root so the input paths (and their SHA-256, kept) read as in the file. tests/cli/tally.test.ts compares the
// current output with them. Regenerate only when a change of the result is intended, and review the diff.
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync, writeFileSync } from "node:fs"

const bin = "dist/src/bin/kenesh.js"
if (!existsSync(bin)) throw new Error(`${bin} is missing: run node scripts/build.mjs first`)

/** The golden cases: every fixture folder with an election and protocols. */
export const cases = readdirSync("fixtures", { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`fixtures/${d.name}/election.json`) && existsSync(`fixtures/${d.name}/protocols.csv`))
  .map((d) => d.name)
  .sort()

for (const name of cases) {
  const dir = `fixtures/${name}`
  const run = spawnSync(process.execPath, [bin, "tally", "--election", `${dir}/election.json`, `${dir}/protocols.csv`, "--format", "json"], { encoding: "utf8" })
  if (run.status !== 0 && run.status !== 1) throw new Error(`${name}: exit ${run.status}\n${run.stderr}`)
  JSON.parse(run.stdout)
  writeFileSync(`${dir}/expected.json`, run.stdout)
  console.log(`${dir}/expected.json: ${JSON.parse(run.stdout).status} (exit ${run.status})`)
}
