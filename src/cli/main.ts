/**
 * The `kenesh` command line: what it asks for is decided here before any command runs, from the commands' flags
 * as data (`./command-specs.ts`): the overview, a command's help and every argument error are answered without
 * loading @effect/cli, effect or any command; a command line that is right is handed to `./run.ts`.
 */
import { nearest, readArgv, shownToken } from "./arguments.js"
import { commandSpecs } from "./command-specs.js"
import { ExitCode } from "./exit-code.js"
import { commandHelp, overview } from "./help.js"

const version = "0.1.0"

/** What the arguments ask for before any command runs: text to print, errors (exit 2), or the arguments to run. */
const route = (tokens: ReadonlyArray<string>): { print: string } | { errors: ReadonlyArray<string> } | { run: ReadonlyArray<string> } => {
  const first = tokens[0]
  if (first === undefined || first === "--help" || first === "-h" || first === "help") return { print: overview(commandSpecs, version) }
  if (first === "--version") return { print: `kenesh ${version}\n` }
  const spec = commandSpecs.find((s) => s.name === first)
  if (spec === undefined) {
    const names = commandSpecs.map((s) => s.name)
    const near = nearest(first.replace(/^-+/, ""), names)
    const what = first.startsWith("-") ? `${shownToken(first)}: a command comes first` : `${shownToken(first)}: kenesh has no such command`
    return { errors: [`${what}; ${near !== null ? `did you mean ${near}? ` : ""}the commands are ${names.join(", ")} (kenesh alone describes them)`] }
  }
  const read = readArgv(spec, tokens.slice(1))
  if (read._tag === "help") return { print: commandHelp(spec) }
  if (read._tag === "errors") return { errors: [...read.errors, `see kenesh ${spec.name} --help`] }
  return { run: [first, ...read.argv] }
}

/** Runs the command line and sets the process exit code. */
export const main = async (argv: ReadonlyArray<string>): Promise<void> => {
  let routed: ReturnType<typeof route>
  try {
    routed = route(argv.slice(2))
  } catch (e) {
    process.stderr.write(`kenesh: internal error, please report it: ${e instanceof Error ? e.message : String(e)}\n`)
    process.exitCode = ExitCode.internal
    return
  }
  if ("print" in routed) {
    process.stdout.write(routed.print)
    return
  }
  if ("errors" in routed) {
    for (const e of routed.errors) process.stderr.write(`kenesh: ${e}\n`)
    process.exitCode = ExitCode.unusable
    return
  }
  const { run } = await import("./run.js")
  return run([...argv.slice(0, 2), ...routed.run], version)
}
