/** The precinct loop: registry rows, protocol rows and fault entries, built as text and streamed in chunks. */
import type { ChunkedFile } from "./chunked-file.js"
import { type FaultCode, FaultPicker } from "./faults.js"
import { party } from "./names.js"
import type { ResolvedOptions } from "./options.js"
import { candidateId, districtId, districtOf, type Plan, precinctId, territoryId, territoryOf } from "./plan.js"
import { PrecinctDraft } from "./protocol.js"
import { Random } from "./random.js"

/** Where the precinct loop reports how far it has got. */
export interface ProgressSink {
  /** Called every 65,536 precincts and once at the end. */
  readonly progress: (done: number, total: number) => void
}

/** The files the precinct loop writes; `faults` is null for a clean election. */
export interface PrecinctFiles {
  readonly registry: ChunkedFile
  readonly protocols: ChunkedFile
  readonly faults: ChunkedFile | null
}

/** How many protocol rows and faults were written. */
export interface PrecinctCounts {
  readonly protocols: number
  readonly faults: number
  readonly faultsByCode: Readonly<Record<string, number>>
}

const progressEvery = 1 << 16

/** The header of protocols.csv (SPEC §1.2): protocol lines, then one column per party or candidate id. */
export const protocolHeader = (plan: Plan): string => {
  const columns = ["precinct", "territory"]
  if (plan.system === "majoritarian") columns.push("district")
  columns.push(
    "voters", "received", "issued_premises", "issued_outside", "cancelled", "spoiled",
    "found_stationary", "found_mobile", "invalid", "valid", "against_all"
  )
  for (let k = 0; k < plan.choices; k++) columns.push(plan.system === "proportional" ? party(k).id : candidateId(plan, k))
  return columns.join(",") + "\n"
}

const comma = 44
const newline = 10

/** The district of the rows being written: its id cell and where its candidates' columns lie. */
interface RowDistrict {
  /** "D01" (majoritarian) or "" (proportional, no district column). */
  id: string
  /** Empty cells before and after the district's own candidates. */
  before: number
  after: number
}

const cell = (file: ChunkedFile, n: number): void => {
  file.byte(comma)
  file.int(n)
}

/** Appends one protocol row for the drawn precinct, byte by byte (no string per row). */
const writeProtocol = (file: ChunkedFile, id: string, territory: string, district: RowDistrict, p: PrecinctDraft): void => {
  file.ascii(id)
  file.byte(comma)
  file.ascii(territory)
  if (district.id.length > 0) {
    file.byte(comma)
    file.ascii(district.id)
  }
  cell(file, p.voters)
  cell(file, p.received)
  cell(file, p.issuedPremises)
  cell(file, p.issuedOutside)
  cell(file, p.cancelled)
  cell(file, p.spoiled)
  cell(file, p.foundStationary)
  cell(file, p.foundMobile)
  cell(file, p.invalid)
  cell(file, p.valid)
  cell(file, p.againstAll)
  file.repeat(comma, district.before)
  for (let k = 0; k < p.choices; k++) cell(file, p.votes[k])
  file.repeat(comma, district.after)
  file.byte(newline)
}

const faultEntry = (first: boolean, precinct: string, code: FaultCode): string =>
  `${first ? "" : ",\n"}    { "precinct": "${precinct}", "code": "${code}" }`

/**
 * Draws every precinct in id order and writes its registry row, its protocol row(s) and its fault entry.
 * Faults are listed in precinct id order: registered precincts as they come, then the unknown ones, whose ids
 * (numbers above N) sort after every registered id. Mutates the files.
 */
export const writePrecincts = (
  plan: Plan,
  options: ResolvedOptions,
  files: PrecinctFiles,
  sink?: ProgressSink
): PrecinctCounts => {
  const random = new Random(`${options.seed}/precincts`)
  const faultRandom = new Random(`${options.seed}/faults`)
  const picker = new FaultPicker(plan.system, plan.precincts, options.faultRate, faultRandom)
  const draft = new PrecinctDraft(plan.system === "proportional" ? plan.choices : 8)
  const majoritarian = plan.system === "majoritarian"
  const territoryIds = Array.from({ length: plan.territories }, (_, t) => territoryId(plan, t))
  let district = -1
  const rowDistrict: RowDistrict = { id: "", before: 0, after: 0 }
  const possible = (code: FaultCode): boolean =>
    code === "registry-mismatch" ? plan.territories > 1 : code === "candidate-over-ballots" ? plan.districtSeats[district] > 1 : true
  files.registry.text("id,territory,district,voters\n")
  files.protocols.text(protocolHeader(plan))
  files.faults?.text(`{\n  "faults": [\n`)
  let protocols = 0
  let unknown = 0
  let faults = 0
  for (let i = 0; i < plan.precincts; i++) {
    const t = territoryOf(plan, i)
    const d = districtOf(plan, i)
    if (majoritarian && d !== district) {
      district = d
      rowDistrict.id = districtId(plan, d)
      rowDistrict.before = plan.candidateStart[d]
      rowDistrict.after = plan.choices - plan.candidateStart[d + 1]
    }
    const fault = picker.next(i, possible)
    draft.draw(plan, random, t, d, fault)
    const id = precinctId(plan, i + 1)
    files.registry.ascii(id + "," + territoryIds[t] + "," + rowDistrict.id + ",")
    files.registry.int(draft.registryVoters)
    files.registry.byte(newline)
    if (fault !== "missing-precinct") {
      const territory =
        fault === "registry-mismatch" ? territoryIds[(t + 1 + faultRandom.below(plan.territories - 1)) % plan.territories] : territoryIds[t]
      writeProtocol(files.protocols, id, territory, rowDistrict, draft)
      protocols++
      if (fault === "duplicate-protocol") {
        writeProtocol(files.protocols, id, territory, rowDistrict, draft)
        protocols++
      }
    }
    if (fault === "unknown-precinct") {
      unknown++
      draft.draw(plan, random, t, d, null)
      writeProtocol(files.protocols, precinctId(plan, plan.precincts + unknown), territoryIds[t], rowDistrict, draft)
      protocols++
    } else if (fault !== null) {
      files.faults?.text(faultEntry(faults === 0, id, fault))
      faults++
    }
    if ((i + 1) % progressEvery === 0) sink?.progress(i + 1, plan.precincts)
  }
  for (let u = 1; u <= unknown; u++) {
    files.faults?.text(faultEntry(faults === 0, precinctId(plan, plan.precincts + u), "unknown-precinct"))
    faults++
  }
  files.faults?.text(`${faults === 0 ? "" : "\n"}  ]\n}\n`)
  sink?.progress(plan.precincts, plan.precincts)
  return { protocols, faults, faultsByCode: picker.tally() }
}
