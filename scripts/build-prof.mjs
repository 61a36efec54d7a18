// Compiles the TypeScript sources to JavaScript bundles in dist/ (esbuild; types are checked by tsc first).
// One bundle per entry starts in a fraction of a second, where loading effect's modules one by one takes 1.5 s.
//
// The command is a small launcher, dist/src/bin/kenesh.js, and the program bundle dist/src/bin/program.js, which
// the launcher compiles from the V8 code cache made here, program.js.cache (src/bin/code-cache.ts). The program is a
// CommonJS bundle wrapped in one function, `(function (require, importMetaUrl) { ... })`: a script for node:vm, the
// only kind of code Node 20 compiles from a code cache. Its parts behind an `import()` (each command's work,
// src/cli/commands.ts; the command run, src/cli/run.ts) are evaluated only when called for.
import { build } from "esbuild"
import { spawnSync } from "node:child_process"
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs"
import * as path from "node:path"

const common = { bundle: true, platform: "node", target: "node20", minify: false, keepNames: true, logLevel: "warning", write: false }
// A native addon: loaded from node_modules at run time, never bundled.
const external = ["better-sqlite3"]
// An ES module bundle gets Node's `require` (for the CommonJS packages inside, and better-sqlite3).
const esmRequire = { js: "import { createRequire as __kenesh_cr } from 'node:module'; const require = __kenesh_cr(import.meta.url);" }

/** Writes a file by a rename, so that a command started meanwhile (tests run while a build runs) reads all of it or none. */
const writeWhole = (file, contents) => {
  mkdirSync(path.dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}`
  writeFileSync(temporary, contents)
  if (contents[0] === 0x23 && contents[1] === 0x21) chmodSync(temporary, 0o755) // "#!": an executable script
  renameSync(temporary, file)
}

/** Builds, then writes every output whole. */
const bundle = async (options) => {
  for (const f of (await build({ ...common, ...options })).outputFiles) writeWhole(f.path, f.contents)
}

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
  external
})
const read = spawnSync(process.execPath, ["--input-type=module", "-"], { input: specsReader.outputFiles[0].text, encoding: "utf8" })
if (read.status !== 0) throw new Error(`build: the commands' flags could not be read:\n${read.stderr}`)
const line = (v) => JSON.stringify(v)
const list = (items) => (items.length === 0 ? "[]" : `[\n${items.map((i) => `      ${line(i)}`).join(",\n")}\n    ]`)
const specsFile = "src/cli/command-specs.ts"
const specs = `// Written by scripts/build.mjs from the definitions in ./commands.ts, as ./command-spec.ts reads them: do not edit.
/** Every command's flags and arguments, in the order the overview lists them: what \`route()\` reads argv against. */
import type { CommandSpec } from "./arguments.js"

export const commandSpecs: ReadonlyArray<CommandSpec> = [
${JSON.parse(read.stdout)
  .map((c) => `  {\n    name: ${line(c.name)},\n    description: ${line(c.description)},\n    flags: ${list(c.flags)},\n    args: ${list(c.args)}\n  }`)
  .join(",\n")}
]
`
if (!existsSync(specsFile) || readFileSync(specsFile, "utf8") !== specs) writeWhole(specsFile, specs)

// The cache of the bundle being replaced goes first (it would be refused anyway: it names the bundle's digest).
const program = "dist/src/bin/program.js"
rmSync(`${program}.cache`, { force: true })
await bundle({
  entryPoints: ["src/bin/program.ts"],
  outfile: program,
  format: "cjs",
  external,
  define: { "import.meta.url": "importMetaUrl" },
  banner: { js: '"use strict";(function (require, importMetaUrl) {' },
  footer: { js: "})" }
})

// The launcher (and the build step beside it) as CommonJS: Node starts a CommonJS main module sooner than an ES
// module (no ES module loader). A package.json in dist/src/bin says so, as kenesh.js keeps its name.
writeWhole("dist/src/bin/package.json", '{ "type": "commonjs" }\n')
await bundle({
  entryPoints: ["src/bin/kenesh.ts", "src/bin/make-code-cache.ts"],
  outdir: "dist/src/bin",
  format: "cjs",
  define: { "import.meta.dirname": "__dirname" }
})

await bundle({
  entryPoints: ["src/tally/worker.ts", "bench/run.ts", "bench/micro.ts", "bench/load.ts"].filter((e) => existsSync(e)),
  outdir: "dist",
  outbase: ".",
  format: "esm",
  banner: esmRequire,
  external
})

// The cache holds what the run it is made from compiled: the start of every command, and a tally (reading, the
// tally, the result and its table), so that these functions are not compiled again either.
const warmUp = ["tally", "--election", "fixtures/kara-balta-2020/election.json", "fixtures/kara-balta-2020/protocols.csv", "--format", "table"]
const made = spawnSync(process.execPath, ["dist/src/bin/make-code-cache.js", ...warmUp], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" })
if (made.status !== 0) {
  process.stderr.write(`build: the code cache was not made (the command still works, compiling its bundle at every start):\n${made.stderr}`)
  process.exitCode = 1
}
