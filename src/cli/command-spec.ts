/**
 * A command's flags and arguments read from its @effect/cli definition (its usage and help document), so that the
 * reading of argv (`./arguments.ts`), the help and the command never differ.
 */
import * as CliConfig from "@effect/cli/CliConfig"
import * as Command from "@effect/cli/Command"
import type * as Usage from "@effect/cli/Usage"
import type { ArgSpec, CommandSpec, FlagSpec } from "./arguments.js"

/** A node of @effect/cli's help document or of one of its spans, read by its tag. */
type Node = unknown

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
