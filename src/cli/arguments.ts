/**
 * The command line before @effect/cli sees it: a strict reading of argv against a command's flags, as
 * `./command-spec.ts` reads them from the command's definition. A misspelt flag is never taken for a file;
 * `--flag=value` works for every flag; a flag given twice is an error; every error names its flag and suggests
 * the nearest one (SPEC §2, §5).
 */

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
