/**
 * The command line before @effect/cli sees it: each command's flags, read from its own definition, and a strict
 * reading of argv against them. A misspelt flag is never taken for a file; `--flag=value` works for every flag; a
 * flag given twice is an error; every error names its flag and suggests the nearest one (SPEC §2, §5).
 */
import { CliConfig, Command, type Usage } from "@effect/cli"

/** A node of @effect/cli's help document or of one of its spans, read by its tag. */
type Node = unknown

/** A flag of a command, as its definition declares it. */
export interface FlagSpec {
  readonly name: string
  /** What the value stands for (`N`, `FILE`), or null for a flag without a value. */
  readonly value: string | null
  readonly choices: ReadonlyArray<string> | null
  readonly optional: boolean
  readonly repeated: boolean
  readonly description: string
}

/** A positional argument of a command. */
export interface ArgSpec {
  readonly name: string
  readonly many: boolean
  readonly optional: boolean
  readonly description: string
}

/** What a command takes, for reading argv and for its help. */
export interface CommandSpec {
  readonly name: string
  readonly description: string
  readonly flags: ReadonlyArray<FlagSpec>
  readonly args: ReadonlyArray<ArgSpec>
}

// The words @effect/cli adds to every description, which say nothing a user needs.
const boilerplate = /^(A user-defined piece of text\.|One of the following: .*|A true or false value\.|An? (integer|floating point number|file|directory|existing .*)\.|This (setting|argument|option) .*)$/

/** The plain text of a help fragment. */
const textOf = (doc: Node | Node): string => {
  const d = doc as unknown as { _tag: string; value?: unknown; left?: unknown; right?: unknown }
  if (d._tag === "Text" || d._tag === "Code" || d._tag === "URI") return String(d.value)
  if (d._tag === "Weak" || d._tag === "Strong" || d._tag === "Italic" || d._tag === "Highlight") return textOf(d.value as Node)
  if (d._tag === "Sequence") return textOf(d.left as Node) + textOf(d.right as Node)
  return ""
}

/** The paragraphs of a help document, in order. */
const paragraphs = (doc: Node): Array<string> => {
  const d = doc as unknown as { _tag: string; value?: Node; left?: Node; right?: Node }
  if (d._tag === "Paragraph") return [textOf(d.value!)]
  if (d._tag === "Sequence") return [...paragraphs(d.left!), ...paragraphs(d.right!)]
  return []
}

/** Each flag's and argument's own description, by name (`--out`, `<PROTOCOLS.csv>`), and the command's description. */
const descriptions = (doc: Node): { byName: Map<string, string>; command: string; zeroOrMore: ReadonlySet<string> } => {
  const byName = new Map<string, string>()
  const zeroOrMore = new Set<string>()
  let command = ""
  let section = ""
  const walk = (node: Node) => {
    const d = node as unknown as { _tag: string; value?: Node; left?: Node; right?: Node; definitions?: ReadonlyArray<[Node, Node]> }
    if (d._tag === "Header") section = textOf(d.value!)
    else if (d._tag === "Paragraph" && section === "DESCRIPTION" && command === "") command = textOf(d.value!)
    else if (d._tag === "Sequence") (walk(d.left!), walk(d.right!))
    else if (d._tag === "DescriptionList")
      for (const [span, body] of d.definitions!) {
        const text = textOf(span).trim()
        const name = /^(<[^>]*>|-{1,2}[\w-]+)/.exec(text)?.[1] ?? text.split(/\s+/)[0]
        if (!byName.has(name)) byName.set(name, paragraphs(body).filter((p) => !boilerplate.test(p)).join(" "))
        if (paragraphs(body).some((p) => / may be repeated zero or more times/.test(p))) zeroOrMore.add(name)
      }
  }
  walk(doc)
  return { byName, command, zeroOrMore }
}

/** Reads a command's flags and arguments from its @effect/cli definition, so the two never differ. */
export const commandSpec = <Name extends string, R, E, A>(command: Command.Command<Name, R, E, A>): CommandSpec => {
  const flags: Array<FlagSpec> = []
  const args: Array<ArgSpec> = []
  const { byName, command: description, zeroOrMore } = descriptions(Command.getHelp(command, CliConfig.defaultConfig))
  let name = ""
  const walk = (u: Usage.Usage, optional: boolean, repeated: boolean) => {
    const d = u as unknown as { _tag: string; names?: ReadonlyArray<string>; acceptedValues?: { _tag: string; value?: string }; usage?: Usage.Usage; left?: Usage.Usage; right?: Usage.Usage }
    if (d._tag === "Named") {
      const n = d.names![0]
      const accepted = d.acceptedValues!._tag === "Some" ? d.acceptedValues!.value! : null
      if (n.startsWith("-")) {
        const choices = accepted !== null && accepted.includes("|") ? accepted.split("|").map((c) => c.trim()) : null
        // A repeated flag may be given zero times.
        flags.push({ name: n.replace(/^-+/, ""), value: choices !== null ? choices.join("|") : accepted, choices, optional: optional || repeated, repeated, description: byName.get(n) ?? "" })
      } else if (n.startsWith("<")) args.push({ name: n.slice(1, -1), many: repeated, optional: optional || zeroOrMore.has(n), description: byName.get(n) ?? "" })
      else if (name === "") name = n
    } else if (d._tag === "Optional") walk(d.usage!, true, repeated)
    else if (d._tag === "Repeated") walk(d.usage!, optional, true)
    else if (d._tag === "Concat" || d._tag === "Alternation") (walk(d.left!, optional, repeated), walk(d.right!, optional, repeated))
  }
  walk(Command.getUsage(command), false, false)
  return { name, description, flags, args }
}

/** Edit distance between two words (insertions, deletions, substitutions, swaps of neighbours). */
const distance = (a: string, b: string): number => {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  return d[a.length][b.length]
}

/**
 * The candidate nearest to `word`, if it is near enough to be what was meant (or `word` is the start of it).
 * @example nearest("fromat", ["format", "out"]) // "format"
 */
export const nearest = (word: string, candidates: ReadonlyArray<string>): string | null => {
  const w = word.toLowerCase().slice(0, 64)
  let best: string | null = null
  let bestDistance = Infinity
  for (const c of candidates) {
    const d = c.startsWith(w) && w.length >= 2 ? 0.5 : distance(w, c)
    if (d < bestDistance) (best = c), (bestDistance = d)
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : null
}

/** A token of argv shown in a message: cut, and without control characters. */
export const shownToken = (token: string): string => {
  // eslint-disable-next-line no-control-regex
  const clean = token.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
  return clean.length > 60 ? `${clean.slice(0, 60)}...` : clean
}

/** What reading argv gave: the arguments to hand on (each flag as `--name value`, then the positionals), a request for help, or errors. */
export type ReadArgv =
  | { readonly _tag: "run"; readonly argv: ReadonlyArray<string> }
  | { readonly _tag: "help" }
  | { readonly _tag: "errors"; readonly errors: ReadonlyArray<string> }

/**
 * Reads the arguments after the command name against the command's flags. Every problem is one message that
 * names the flag (or the argument) at fault.
 * @example readArgv(spec, ["--fromat", "json"]) // { _tag: "errors", errors: ["--fromat: kenesh tally has no such flag; did you mean --format?"] }
 */
export const readArgv = (spec: CommandSpec, tokens: ReadonlyArray<string>): ReadArgv => {
  const errors: Array<string> = []
  const byName = new Map(spec.flags.map((f) => [f.name, f]))
  const given = new Map<string, Array<string>>()
  const positionals: Array<string> = []
  const command = `kenesh ${spec.name}`
  const flagNames = spec.flags.map((f) => f.name)
  const unknown = (token: string) => {
    const name = token.replace(/^-+/, "").split("=")[0]
    const near = nearest(name, [...flagNames, "help"])
    errors.push(
      `${shownToken(token.split("=")[0])}: ${command} has no such flag; ${near !== null ? `did you mean --${near}?` : `its flags are ${flagNames.map((f) => `--${f}`).join(", ")}`}`
    )
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    if (token === "--") {
      positionals.push(...tokens.slice(i + 1))
      break
    }
    if (token === "--help" || token === "-h") return { _tag: "help" }
    if (!token.startsWith("-") || token === "-") {
      positionals.push(token)
      continue
    }
    if (!token.startsWith("--")) {
      unknown(token)
      continue
    }
    const eq = token.indexOf("=")
    const name = eq < 0 ? token.slice(2) : token.slice(2, eq)
    const flag = byName.get(name)
    if (flag === undefined) {
      unknown(token)
      continue
    }
    let value: string
    if (flag.value === null) {
      if (eq >= 0) errors.push(`--${name} takes no value; write --${name} alone`)
      value = ""
    } else if (eq >= 0) value = token.slice(eq + 1)
    else if (i + 1 < tokens.length && !/^--[A-Za-z]/.test(tokens[i + 1])) value = tokens[++i]
    else {
      errors.push(`--${name} needs a value: --${name} ${flag.value}${i + 1 < tokens.length ? ` (found ${shownToken(tokens[i + 1])} instead)` : ""}`)
      given.set(name, [])
      continue
    }
    if (flag.choices !== null && !flag.choices.includes(value)) {
      const near = nearest(value, flag.choices)
      errors.push(`--${name} ${value === "" ? '""' : shownToken(value)}: must be one of ${flag.choices.join(", ")}${near !== null ? `; did you mean ${near}?` : ""}`)
      given.set(name, [])
      continue
    }
    const before = given.get(name)
    if (before !== undefined && !flag.repeated) {
      // (No value recorded: the first one was already an error.)
      if (before.length > 0) errors.push(`--${name} was given twice (${shownToken(before[0])} and ${shownToken(value)}); give it once`)
      continue
    }
    given.set(name, [...(before ?? []), value])
  }
  for (const f of spec.flags) if (!f.optional && !f.repeated && !given.has(f.name)) errors.push(`--${f.name} is required: --${f.name} ${f.value ?? ""}`.trimEnd())
  const many = spec.args.some((a) => a.many)
  const required = spec.args.filter((a) => !a.optional).length
  if (positionals.length < required) {
    const missing = spec.args.filter((a) => !a.optional)[positionals.length]
    errors.push(`${missing.name}: ${command} needs ${missing.many ? "at least one" : "a"} ${missing.name} file`)
  } else if (!many && positionals.length > spec.args.length)
    errors.push(`${shownToken(positionals[spec.args.length])}: ${command} takes ${spec.args.length === 0 ? "no file" : `one ${spec.args.map((a) => a.name).join(" ")}`}; this one is too many`)
  if (errors.length > 0) return { _tag: "errors", errors }
  const argv: Array<string> = []
  for (const [name, values] of given)
    for (const v of values) {
      const flag = byName.get(name)!
      if (flag.value === null) argv.push(`--${name}`)
      else if (v.startsWith("-") && !flag.repeated) argv.push(`--${name}=${v}`)
      else argv.push(`--${name}`, v)
    }
  if (positionals.length > 0) argv.push("--", ...positionals)
  return { _tag: "run", argv }
}
