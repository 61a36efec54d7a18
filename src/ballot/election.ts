/** Decoding `election.json` (SPEC §1.1) into an `Election`, or every problem with its line and column. */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as fs from "node:fs"
import { ElectionFile, idPattern, Precinct, RulesOverride } from "./election-schema.js"
import { Interner } from "./interner.js"
import { sniffCsv, sniffUtf8 } from "./csv-sniff.js"
import { besideFile, checkInputFile, maxStreamedFileBytes } from "./input-file.js"
import { elementOffsets, lineColumns, offsetsOf, parseJson, type JsonPath } from "./json-text.js"
import { ProblemList, shown, type Problem, type Problems } from "./problem.js"
import { lineFields, majoritarianLayout, proportionalLayout, type ProtocolLayout } from "./protocol.js"
import { readRegistryCsv, RegistryColumns, type Registry } from "./registry.js"
import { defaultEdition, editions, type Edition, type Rules } from "./rules.js"

/** A party and its closed list of candidates (proportional). */
export interface Party {
  readonly id: string
  readonly name: string
  readonly list: ReadonlyArray<string> | null
}

/** A candidate in a majoritarian district. */
export interface Candidate {
  readonly id: string
  readonly name: string
  readonly gender: "F" | "M"
  readonly party: string | null
}

/** A majoritarian district with its seats and candidates. */
export interface District {
  readonly id: string
  readonly name: string
  readonly seats: number
  /** Seats reserved for women as the election file sets it, or null for the edition's default. */
  readonly reservedForWomen: number | null
  readonly candidates: ReadonlyArray<Candidate>
}

/** A recorded drawing of lots: who drew among whom, and who won. */
export interface Lot {
  readonly among: ReadonlyArray<string>
  readonly winners: ReadonlyArray<string>
}

/** A decoded, cross-checked election definition. */
export interface Election {
  /** The file it was read from, as named on the command line. */
  readonly file: string
  readonly id: string
  readonly name: string
  readonly system: "proportional" | "majoritarian"
  readonly edition: Edition
  /** Seats of the kenesh (the sum of the districts' seats for a majoritarian election). */
  readonly seats: number
  readonly parties: ReadonlyArray<Party>
  readonly districts: ReadonlyArray<District>
  readonly territories: ReadonlyArray<{ readonly id: string; readonly name: string }>
  readonly registry: Registry | null
  readonly rules: Rules
  readonly annulled: ReadonlyArray<string>
  readonly lots: ReadonlyArray<Lot>
  /** The language of the human-facing output the file asks for (SPEC §1.1 `lang`), or null. */
  readonly lang: "en" | "ru" | "ky" | null
  readonly layout: ProtocolLayout
}

const decodeFile = Schema.decodeUnknownEither(ElectionFile, { errors: "all", onExcessProperty: "error" })
const decodePrecincts = Schema.decodeUnknownEither(Schema.Array(Precinct), { errors: "all", onExcessProperty: "error" })
const decodePrecinct = Schema.decodeUnknownEither(Precinct, { errors: "all", onExcessProperty: "error" })

const isId = (v: unknown): v is string => typeof v === "string" && idPattern.test(v)

/** A registry row that the schema would accept as it is, checked by hand (the schema takes seconds for a million rows). */
const isPlainPrecinct = (v: unknown): v is typeof Precinct.Type => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false
  const p = v as Record<string, unknown>
  let keys = 0
  for (const k in p) {
    if (k !== "id" && k !== "territory" && k !== "district" && k !== "voters") return false
    keys++
  }
  return (
    isId(p.id) &&
    isId(p.territory) &&
    (p.district === undefined ? keys === 3 : isId(p.district) && keys === 4) &&
    typeof p.voters === "number" &&
    Number.isSafeInteger(p.voters) &&
    p.voters >= 0
  )
}

/** The registry rows of an inline list: each checked by hand, and only those that fail by the schema, for its words. */
const decodeRegistryRows = (rows: unknown, report: (error: ParseResult.ParseError, prefix: JsonPath) => void): ReadonlyArray<typeof Precinct.Type> | null => {
  if (!Array.isArray(rows)) {
    const whole = decodePrecincts(rows)
    if (Either.isLeft(whole)) report(whole.left, ["precincts"])
    return null
  }
  let ok = true
  rows.forEach((row: unknown, i) => {
    if (isPlainPrecinct(row)) return
    const one = decodePrecinct(row)
    if (Either.isLeft(one)) (report(one.left, ["precincts", i]), (ok = false))
  })
  return ok ? (rows as ReadonlyArray<typeof Precinct.Type>) : null
}

/** Words for a schema issue, keyed by its kind. */
const issueMessage = (issue: ParseResult.ArrayFormatterIssue): string => {
  const key = issue.path[issue.path.length - 1]
  if (issue._tag === "Unexpected") return `unknown key "${shown(String(key))}"`
  if (issue._tag === "Missing") return `"${String(key)}" is required`
  // The schema's own words for a wrong JSON type name TypeScript types; say it in plain words.
  if (issue._tag === "Type" && issue.message.startsWith("Expected ReadonlyArray<")) return "must be a list in square brackets [ ]"
  if (issue._tag === "Type" && issue.message.startsWith("Expected {")) return "must be an object in curly braces { }"
  const wrong = /^Expected (string|number), actual (.*)$/s.exec(issue.message)
  if (issue._tag === "Type" && wrong !== null) return `must be ${wrong[1] === "string" ? "text in double quotes" : "a number"}, not ${shown(wrong[2])}`
  return shown(issue.message, 200)
}

/** A path as a message names it (`precincts[3].voters`), each key shown as input text is. */
const pathText = (p: JsonPath) =>
  p.reduce<string>((acc, k) => (typeof k === "number" ? `${acc}[${k}]` : acc === "" ? shown(String(k)) : `${acc}.${shown(String(k))}`), "")

/** Reads and decodes an election file; relative registry paths are taken from the election file's folder. */
export const readElection = (file: string, options: DecodeOptions = {}): Either.Either<Election, Problems> =>
  wanted(readElectionSteps(file, options), options)

/**
 * An election file decoded once, up to its registry: `withoutRegistry` gives the election with `registry: null`
 * (for a first look while the registry is read), `whole` the election as `readElection` gives it, reading the
 * registry and checking everything again with it (the checks are cheap; the file is not decoded again).
 */
export interface ElectionSteps {
  readonly withoutRegistry: () => Either.Either<Election, Problems>
  readonly whole: () => Either.Either<Election, Problems>
}

/** Both steps failing with the same problems, every one listed. */
const failedSteps = (problems: ReadonlyArray<Problem>): ElectionSteps => {
  const left = Either.left({ problems, more: 0 })
  return { withoutRegistry: () => left, whole: () => left }
}

/** Reads an election file and decodes it once, for `ElectionSteps`; the registry is read only by `whole`. */
export const readElectionSteps = (file: string, options: DecodeOptions = {}): ElectionSteps => {
  const unreadable = checkInputFile(file, file, "the election file")
  if (unreadable !== null) return failedSteps([unreadable])
  const encoding = sniffUtf8(file, file)
  if (encoding !== null) return failedSteps([encoding])
  let text: string
  try {
    text = fs.readFileSync(file, "utf8")
  } catch (e) {
    return failedSteps([{ file, line: 1, column: 1, message: `cannot read the election file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }])
  }
  return decodeElectionSteps(file, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, options)
}

/** How much of an election file to decode, and how. */
export interface DecodeOptions {
  /** False: leave the registry out (`registry: null`), for a first look while the registry is read. */
  readonly registry?: boolean
  /** The reader of a registry CSV: the byte scanner (default) or csv-parse. */
  readonly reader?: "fast" | "csv-parse"
}

/** Decodes the text of an election file named `file`. */
export const decodeElection = (file: string, text: string, options: DecodeOptions = {}): Either.Either<Election, Problems> =>
  wanted(decodeElectionSteps(file, text, options), options)

/** The step `options` ask for. */
const wanted = (steps: ElectionSteps, options: DecodeOptions) => (options.registry === false ? steps.withoutRegistry() : steps.whole())

/**
 * Problems found in one step: problems with their place, problems at a path (positioned together at the end), and
 * how many more a registry CSV had beyond those listed (its first `problemLimit`, as for a protocols file).
 * election.json's own problems are all listed, however many (issue 13).
 */
type StepProblems = { readonly problems: Array<Problem>; readonly pending: Array<{ path: JsonPath; message: string }>; more: number }

/** Decodes the text of an election file named `file` once, for `ElectionSteps`. */
const decodeElectionSteps = (file: string, text: string, options: DecodeOptions): ElectionSteps => {
  const found = (): StepProblems => ({ problems: [], pending: [], more: 0 })
  const atIn = (f: StepProblems) => (p: JsonPath, message: string) => f.pending.push({ path: p, message: p.length === 0 ? message : `${pathText(p)}: ${message}` })
  let position: ((offset: number) => { line: number; column: number }) | null = null
  const positionOf = (offset: number) => (position ??= lineColumns(text))(offset)
  // Problems at a path are positioned together at the end, in one pass over the text.
  const positioned = (f: StepProblems): Problems => {
    const offsets = offsetsOf(text, f.pending.map((q) => q.path))
    return { problems: [...f.problems, ...f.pending.map((q, i) => ({ file, ...positionOf(offsets[i]), message: q.message }))], more: f.more }
  }
  if (text.trim() === "") return failedSteps([{ file, line: 1, column: 1, message: "the election file is empty" }])
  const parsed = parseJson(text)
  if (!parsed.ok) return failedSteps(parsed.problems.map((p) => ({ file, ...positionOf(p.offset), message: p.message })))
  const json = parsed.value
  const reportIssues = (at: (p: JsonPath, message: string) => void) => (error: ParseResult.ParseError, prefix: JsonPath) => {
    const seen = new Set<string>()
    for (const issue of ParseResult.ArrayFormatter.formatErrorSync(error)) {
      const p = [...prefix, ...issue.path]
      // One issue per path (the path itself, not its text: two long keys may be shown alike).
      const key = JSON.stringify(p.map((k) => (typeof k === "number" ? k : String(k))))
      if (seen.has(key)) continue
      seen.add(key)
      at(p, issueMessage(issue))
    }
  }
  const decoded = decodeFile(json)
  if (Either.isLeft(decoded)) {
    const f = found()
    reportIssues(atIn(f))(decoded.left, [])
    return failedSteps(positioned(f).problems)
  }
  const doc = decoded.right

  /** The election checked without its registry, or with it read. */
  const checkedWith = (withRegistry: boolean): Either.Either<Election, Problems> => {
    const f = found()
    const { problems } = f
    const at = atIn(f)
    let registry: Registry | null = null
    if (!withRegistry) {
      // Left for `whole`.
    } else if (typeof doc.precincts === "string") {
      const { path: csvPath, shown: csvName } = besideFile(file, doc.precincts)
      const unreadable = checkInputFile(csvPath, csvName, "the precinct registry", options.reader === "csv-parse" ? undefined : maxStreamedFileBytes)
      if (unreadable !== null) at(["precincts"], `"${shown(doc.precincts)}": ${unreadable.message}`)
      else {
        const sniffed = sniffCsv(csvPath, csvName)
        const read = sniffed === null ? readRegistryCsv(csvPath, csvName, options.reader) : Either.left({ problems: [sniffed], more: 0 })
        if (Either.isLeft(read)) {
          for (const p of read.left.problems) problems.push(p)
          f.more += read.left.more
        } else registry = read.right
      }
    } else if (doc.precincts !== undefined) {
      const rows = decodeRegistryRows(doc.precincts, reportIssues(at))
      if (rows !== null) {
        const ids = rows.map((p) => p.id)
        const interner = internAll(ids)
        if (interner.size !== ids.length) {
          const seen = new Set<string>()
          ids.forEach((id, i) => {
            if (seen.has(id)) at(["precincts", i, "id"], `precinct "${shown(id)}" is registered twice`)
            seen.add(id)
          })
        } else {
          // Rows are positioned by their place in the text, not by lines: each is given its index for a line.
          const columns = new RegistryColumns(rows.length)
          rows.forEach((p, i) => columns.push(columns.territories.of(p.territory), columns.districts.of(p.district ?? ""), p.voters, i))
          let offsets: Array<number> | null = null
          registry = columns.registry(file, interner, (i) => ({ file, ...positionOf((offsets ??= elementOffsets(text, ["precincts"]))[i]) }))
        }
      }
    }
    // Cross-checked even when the registry has problems, so that every problem is reported at once.
    const checked = crossCheck(file, doc, registry, at, f)
    return Either.isLeft(checked) ? Either.left(positioned(f)) : checked
  }
  return { withoutRegistry: () => checkedWith(false), whole: () => checkedWith(true) }
}

/** Checks what a schema cannot: ids unique and known, the fields each system needs, lots and reserves that fit. */
const crossCheck = (
  file: string,
  doc: ElectionFile,
  registry: Registry | null,
  at: (p: JsonPath, message: string) => void,
  f: StepProblems
): Either.Either<Election, Problems> => {
  const { problems, pending } = f
  const unique = (ids: ReadonlyArray<string>, p: (i: number) => JsonPath, what: string) => {
    const seen = new Set<string>()
    ids.forEach((id, i) => {
      if (seen.has(id)) at(p(i), `${what} "${shown(id)}" is defined twice`)
      seen.add(id)
    })
    return seen
  }
  const reserved = new Set<string>(["precinct", "territory", "district", "version", "source", ...lineFields])
  const choiceIds = (ids: ReadonlyArray<string>, p: (i: number) => JsonPath) =>
    ids.forEach((id, i) => {
      if (reserved.has(id)) at(p(i), `"${shown(id)}" is the name of a protocol column; choose another id`)
    })

  const parties = doc.parties ?? []
  const districts = doc.districts ?? []
  let seats = doc.seats ?? 0
  if (doc.system === "proportional") {
    if (doc.parties === undefined || parties.length === 0) at(["parties"], "a proportional election needs its party lists")
    if (doc.seats === undefined) at(["seats"], "a proportional election needs the number of seats")
    if (doc.districts !== undefined) at(["districts"], "a proportional (city kenesh) election has no districts")
    unique(parties.map((p) => p.id), (i) => ["parties", i, "id"], "party")
    choiceIds(parties.map((p) => p.id), (i) => ["parties", i, "id"])
  } else {
    if (doc.districts === undefined || districts.length === 0) at(["districts"], "a majoritarian election needs its districts")
    if (doc.parties !== undefined) at(["parties"], "a majoritarian (ayil kenesh) election has candidates in districts, not party lists")
    const total = districts.reduce((s, d) => s + d.seats, 0)
    if (doc.seats !== undefined && doc.seats !== total) at(["seats"], `the districts have ${total} seats in all, not ${doc.seats}`)
    seats = total
    unique(districts.map((d) => d.id), (i) => ["districts", i, "id"], "district")
    const cands = districts.flatMap((d, di) => d.candidates.map((c, ci) => ({ id: c.id, p: ["districts", di, "candidates", ci, "id"] as JsonPath })))
    unique(cands.map((c) => c.id), (i) => cands[i].p, "candidate")
    choiceIds(cands.map((c) => c.id), (i) => cands[i].p)
    districts.forEach((d, di) => {
      if (d.candidates.length === 0) at(["districts", di, "candidates"], `district "${shown(d.id)}" has no candidates`)
      if (d.reservedForWomen !== undefined && d.reservedForWomen > d.seats)
        at(["districts", di, "reservedForWomen"], `${d.reservedForWomen} seats reserved for women, but the district has ${d.seats}`)
    })
  }
  const territories = doc.territories ?? []
  const territoryIds = unique(territories.map((t) => t.id), (i) => ["territories", i, "id"], "territory")
  const districtIds = new Set(districts.map((d) => d.id))

  if (registry !== null) {
    // A registry CSV's rows: its first `problemLimit` problems listed, the rest counted; an inline registry's, all.
    const csv = registry.source === file ? null : new ProblemList(registry.source)
    const where = (i: number, message: string) => {
      const pos = registry.position(i)
      const text = `precinct "${shown(registry.interner.string(i))}": ${message}`
      if (csv === null) problems.push({ ...pos, message: text })
      else csv.add(pos.line, pos.column, text)
    }
    // Names are checked once each; the rows of a bad name are then looked up for the messages.
    const badTerritory = registry.territoryNames.map((t) => territories.length > 0 && !territoryIds.has(t))
    const badDistrict = registry.districtNames.map((d) => doc.system === "majoritarian" && (d === "" || !districtIds.has(d)))
    if (badTerritory.includes(true) || badDistrict.includes(true))
      for (let i = 0; i < registry.size; i++) {
        const t = registry.territoryIndex[i]
        if (badTerritory[t]) where(i, `unknown territory "${shown(registry.territoryNames[t])}"`)
        const d = registry.districtIndex[i]
        if (badDistrict[d]) where(i, registry.districtNames[d] === "" ? "no district named" : `unknown district "${shown(registry.districtNames[d])}"`)
      }
    if (csv !== null) {
      for (const p of csv.problems) problems.push(p)
      f.more += csv.more
    }
  }
  const annulled = doc.annulled ?? []
  if (registry !== null)
    annulled.forEach((id, i) => {
      if (registry.interner.find(id) < 0) at(["annulled", i], `annulled precinct "${shown(id)}" is not in the registry`)
    })
  const choices = new Set(doc.system === "proportional" ? parties.map((p) => p.id) : districts.flatMap((d) => d.candidates.map((c) => c.id)))
  ;(doc.lots ?? []).forEach((lot, li) => {
    lot.among.forEach((id, i) => {
      if (!choices.has(id)) at(["lots", li, "among", i], `"${shown(id)}" is not a ${doc.system === "proportional" ? "party" : "candidate"} of this election`)
    })
    lot.winners.forEach((id, i) => {
      if (!lot.among.includes(id)) at(["lots", li, "winners", i], `the winner "${shown(id)}" did not take part in this drawing of lots`)
    })
  })
  if (problems.length > 0 || pending.length > 0) return Either.left({ problems, more: f.more })

  const edition = doc.edition ?? defaultEdition
  return Either.right({
    file,
    id: doc.id,
    name: doc.name,
    system: doc.system,
    edition,
    seats,
    parties: parties.map((p) => ({ id: p.id, name: p.name, list: p.list ?? null })),
    districts: districts.map((d) => ({
      id: d.id,
      name: d.name,
      seats: d.seats,
      reservedForWomen: d.reservedForWomen ?? null,
      candidates: d.candidates.map((c) => ({ id: c.id, name: c.name, gender: c.gender, party: c.party ?? null }))
    })),
    territories,
    registry,
    rules: applyRules(editions[edition], doc.rules),
    annulled,
    lots: doc.lots ?? [],
    lang: doc.lang ?? null,
    layout: doc.system === "proportional" ? proportionalLayout(parties.map((p) => p.id)) : majoritarianLayout(districts)
  })
}

/**
 * An interner holding the given ids (of an inline registry: none holds a line break), encoded at once and added by
 * their bytes, so that a million ids make no string or buffer each.
 */
const internAll = (ids: ReadonlyArray<string>): Interner => {
  const interner = new Interner()
  const bytes = Buffer.from(ids.join("\n"), "utf8")
  for (let s = 0, e = 0; s <= bytes.length; s = ++e) {
    while (e < bytes.length && bytes[e] !== 10) e++
    if (ids.length > 0) interner.indexOrAdd(bytes, s, e)
  }
  return interner
}

/** The edition's rules with the election's overrides on top. */
export const applyRules = (base: Rules, o: typeof RulesOverride.Type | undefined): Rules => {
  if (o === undefined) return base
  const reserve =
    o.womenReserve === undefined
      ? base.womenReserve
      : o.womenReserve === null
        ? null
        : {
            percent: String(o.womenReserve.percent ?? base.womenReserve?.percent ?? "30"),
            minSeats: o.womenReserve.minSeats ?? base.womenReserve?.minSeats ?? 2
          }
  return {
    threshold: {
      percent: o.threshold?.percent !== undefined ? String(o.threshold.percent) : base.threshold.percent,
      op: o.threshold?.op ?? base.threshold.op,
      base: o.threshold?.base ?? base.threshold.base
    },
    tie: o.tie ?? base.tie,
    marksPerVoter: o.marksPerVoter ?? base.marksPerVoter,
    againstAll: o.againstAll ?? base.againstAll,
    womenReserve: reserve,
    asuTolerance: o.asuTolerance !== undefined ? String(o.asuTolerance) : base.asuTolerance
  }
}
