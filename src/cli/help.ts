/** The help a person reads: `kenesh` alone (the overview) and `kenesh COMMAND --help`, plain text, no colour codes. */
import type { CommandSpec, FlagSpec } from "./arguments.js"

/** One example per command, run from the repository's folder. */
export const examples: ReadonlyMap<string, ReadonlyArray<string>> = new Map([
  ["validate", ["kenesh validate --election fixtures/ak-jol-2024/election.json fixtures/ak-jol-2024/protocols.csv"]],
  ["tally", ["kenesh tally --election fixtures/kara-balta-2020/election.json fixtures/kara-balta-2020/protocols.csv --out /tmp/kb"]],
  ["allocate", ["kenesh allocate results.csv --seats 31 --edition 2011", "kenesh allocate results.csv --seats 31 --method dhondt --threshold 5 --threshold-op ge"]],
  ["generate", ["kenesh generate --system proportional --precincts 1000 --seed 1 --fault-rate 0.01 --out /tmp/e1"]]
])

const flagUsage = (f: FlagSpec): string => {
  const core = `--${f.name}${f.value === null ? "" : ` ${f.value}`}`
  return f.optional ? `[${core}]${f.repeated ? "..." : ""}` : `${core}${f.repeated ? "..." : ""}`
}

/** The usage line of a command: `kenesh tally --election FILE [--out DIR] ... PROTOCOLS.csv...`. */
export const usageLine = (spec: CommandSpec): string =>
  [
    `kenesh ${spec.name}`,
    ...spec.flags.filter((f) => !f.optional).map(flagUsage),
    ...spec.flags.filter((f) => f.optional).map(flagUsage),
    ...spec.args.map((a) => `${a.optional ? "[" : ""}${a.name}${a.many ? "..." : ""}${a.optional ? "]" : ""}`)
  ].join(" ")

/** Wraps words to lines of at most `width` characters, each indented by `indent`. */
const wrap = (text: string, indent: number, width = 100): Array<string> => {
  const lines: Array<string> = []
  let line = ""
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && indent + line.length + 1 + word.length > width) (lines.push(line), (line = word))
    else line = line === "" ? word : `${line} ${word}`
  }
  if (line !== "") lines.push(line)
  return lines.map((l) => " ".repeat(indent) + l)
}

const column = (left: string, description: string, indent = 2, at = 30): Array<string> => {
  const head = " ".repeat(indent) + left
  const body = wrap(description, at)
  if (body.length === 0) return [head]
  if (head.length + 2 <= at) return [head.padEnd(at) + body[0].trimStart(), ...body.slice(1)]
  return [head, ...body]
}

/** `kenesh COMMAND --help`. */
export const commandHelp = (spec: CommandSpec): string => {
  const out = [`kenesh ${spec.name}: ${spec.description}`, "", "Usage:", ...wrap(usageLine(spec), 2)]
  if (spec.args.length > 0) {
    out.push("", "Arguments:")
    for (const a of spec.args) out.push(...column(`${a.name}${a.many ? "..." : ""}`, `${a.description}${a.many ? " (one or more)" : ""}`))
  }
  out.push("", "Flags:")
  for (const f of [...spec.flags.filter((f) => !f.optional), ...spec.flags.filter((f) => f.optional)])
    out.push(...column(`--${f.name}${f.value === null ? "" : ` ${f.value}`}`, `${f.description}${f.optional ? " (optional)" : " (required)"}${f.repeated ? " (may be repeated)" : ""}`))
  out.push(...column("-h, --help", "Show this help"))
  const ex = examples.get(spec.name) ?? []
  if (ex.length > 0) out.push("", ex.length === 1 ? "Example:" : "Examples:", ...ex.map((e) => `  ${e}`))
  out.push("", "Every flag may also be written --flag=value. Exit codes: 0 final, 1 not final, 2 unusable input or arguments.")
  return out.join("\n") + "\n"
}

/** `kenesh` alone, or `kenesh --help`: what the tool does, its commands and an example of each. */
export const overview = (specs: ReadonlyArray<CommandSpec>, version: string): string => {
  const out = [
    `kenesh ${version}: vote tabulation for Kyrgyz local kenesh elections: protocol checks, totals and seats`,
    "",
    "Usage: kenesh COMMAND [FLAGS] [FILES]",
    "",
    "Commands:"
  ]
  for (const s of specs) out.push(...column(s.name, s.description, 2, 14))
  out.push("", "Examples:")
  for (const s of specs) for (const e of (examples.get(s.name) ?? []).slice(0, 1)) out.push(`  ${e}`)
  out.push("", "kenesh COMMAND --help shows the flags of a command.")
  return out.join("\n") + "\n"
}
