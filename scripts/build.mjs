// Compiles the TypeScript sources to JavaScript bundles in dist/ (esbuild; types are checked by tsc first).
// One bundle per entry starts in about a third of a second, where loading effect's modules one by one takes 1.5 s.
//
// The command is two files: the launcher dist/src/bin/kenesh.js (tiny) and the program bundle
// dist/src/bin/program.js, which the launcher compiles with the V8 code cache made here (src/bin/code-cache.ts).
// The program is a CommonJS bundle wrapped in one function, `(function (require, importMetaUrl) { ... })`: a V8
// script (node:vm), the only kind Node 20 compiles from a code cache. In it each command's work is a lazily
// evaluated module (src/cli/commands.ts), so `kenesh --help` does not evaluate what a tally needs.
import { build } from "esbuild"
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"

const common = { bundle: true, platform: "node", target: "node20", minify: true, keepNames: false, logLevel: "warning" }
// A native addon: loaded from node_modules at run time, never bundled.
const external = ["better-sqlite3"]

// A bundle run with Node's `require` (for the CommonJS packages inside, and better-sqlite3).
const esmRequire = { js: "import { createRequire as __kenesh_cr } from 'node:module'; const require = __kenesh_cr(import.meta.url);" }

// route() reads argv against the commands' flags as data (src/cli/command-specs.ts), so that `--help` and argument
// errors load neither @effect/cli nor effect: that file is read here from the definitions, before the bundle is made.
const specsReader = await build({
  ...common,
  stdin: {
    contents: 'import { commandSpec } from "./src/cli/command-spec.ts"\nimport { commands } from "./src/cli/commands.ts"\nprocess.stdout.write(JSON.stringify(commands.map((c) => commandSpec(c))))\n',
    resolveDir: process.cwd(),
    loader: "ts",
    sourcefile: "command-specs-reader.ts"
  },
  format: "esm",
  banner: esmRequire,
  external,
  write: false
})
const specs = spawnSync(process.execPath, ["--input-type=module", "-"], { input: specsReader.outputFiles[0].text, encoding: "utf8" })
if (specs.status !== 0) throw new Error(`build: the commands' flags could not be read:\n${specs.stderr}`)
const specsFile = "src/cli/command-specs.ts"
const line = (v) => JSON.stringify(v)
const list = (items) => (items.length === 0 ? "[]" : `[\n${items.map((i) => `      ${line(i)}`).join(",\n")}\n    ]`)
const specsText = `// Written by scripts/build.mjs from the definitions in ./commands.ts, as ./command-spec.ts reads them: do not edit.
/** Every command's flags and arguments, in the order the overview lists them: what \`route()\` reads argv against. */
import type { CommandSpec } from "./arguments.js"

export const commandSpecs: ReadonlyArray<CommandSpec> = [
${JSON.parse(specs.stdout)
  .map((c) => `  {\n    name: ${line(c.name)},\n    description: ${line(c.description)},\n    flags: ${list(c.flags)},\n    args: ${list(c.args)}\n  }`)
  .join(",\n")}
]
`
if (!existsSync(specsFile) || readFileSync(specsFile, "utf8") !== specsText) writeFileSync(specsFile, specsText)

const programFile = "dist/src/bin/program.js"
// A cache of the bundle being replaced must not outlive it (it would be refused anyway: it names the bundle's digest).
rmSync(`${programFile}.cache`, { force: true })
await build({
  ...common,
  entryPoints: ["src/bin/program.ts"],
  outfile: programFile,
  format: "cjs",
  external,
  define: { "import.meta.url": "importMetaUrl" },
  banner: { js: '"use strict";(function (require, importMetaUrl) {' },
  footer: { js: "})" }
})

// The launcher (and the build step beside it) as CommonJS: Node starts a CommonJS main module sooner than an ES
// module (no ES module loader). A package.json in dist/src/bin says so, as kenesh.js must keep its name.
mkdirSync("dist/src/bin", { recursive: true })
writeFileSync("dist/src/bin/package.json", '{ "type": "commonjs" }\n')
await build({
  ...common,
  entryPoints: ["src/bin/kenesh.ts", "src/bin/make-code-cache.ts"],
  outdir: "dist/src/bin",
  format: "cjs",
  define: { "import.meta.dirname": "__dirname" }
})

const entries = ["src/tally/worker.ts", "bench/run.ts", "bench/micro.ts", "bench/load.ts"].filter((e) => existsSync(e))
await build({
  ...common,
  entryPoints: entries,
  outdir: "dist",
  outbase: ".",
  format: "esm",
  banner: esmRequire,
  external
})

// The code cache holds the functions compiled by the run it is made from: the overview, which every start pays
// for (the command line's definitions), then a tally (the readers, the tally, the result and its table).
const warmUp = ["tally", "--election", "fixtures/kara-balta-2020/election.json", "fixtures/kara-balta-2020/protocols.csv", "--format", "table"]
const made = spawnSync(process.execPath, ["dist/src/bin/make-code-cache.js", ...warmUp], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" })
if (made.status !== 0) {
  process.stderr.write(`build: the code cache was not made (the command still works, compiling its bundle on every start):\n${made.stderr}`)
  process.exitCode = 1
}
