/** The checks on a protocol row that make it unusable when they fail: ids present, a valid version, district cells. */
import { blank, firstChoice, type ProtocolLayout, type ProtocolRow } from "./protocol.js"
import { Role } from "./csv-header.js"
import { shown } from "./problem.js"

/** A problem in one cell of a row, by column index. */
export interface CellProblem {
  readonly col: number
  readonly message: string
}

/**
 * The largest sum of one protocol's counts that the engine accepts: below it every control relation,
 * including 1001 * voters, is computed exactly in doubles (2^53 / 1001, about 9 trillion).
 */
export const rowSumLimit = Math.floor(Number.MAX_SAFE_INTEGER / 1001)

/**
 * Whether `text.trim() === ""`, without trimming when the first character is plainly no space (a printable ASCII
 * character, or the NUL that starts `knownPrecinct`): the usual case, checked per row of protocols and registry (hot path).
 */
export const emptyText = (text: string): boolean => {
  const c = text.charCodeAt(0)
  return !((c > 32 && c < 127) || c === 0) && text.trim() === ""
}

/** Whether the UTF-8 bytes `b[s..e)` are empty or only spaces, as `emptyText` has it (decoded only when the first byte is not printable ASCII). */
export const emptyBytes = (b: Uint8Array, s: number, e: number): boolean => {
  if (s >= e) return true
  const c = b[s]
  return !(c > 32 && c < 127) && emptyText(Buffer.from(b.buffer, b.byteOffset + s, e - s).toString("utf8"))
}

/**
 * Builds the row check for a file's columns: it fills the row's precinct, territory, district and version
 * from the text cells and returns the problems (an empty list when the row is usable; the list is reused, so it
 * holds until the next call).
 */
export const rowChecker = (roles: Int32Array, layout: ProtocolLayout) => {
  const precinctCol = roles.indexOf(Role.precinct)
  const territoryCol = roles.indexOf(Role.territory)
  const districtCol = roles.indexOf(Role.district)
  const versionCol = roles.indexOf(Role.version)
  const sourceCol = roles.indexOf(Role.source)
  const columnOf = new Int32Array(layout.choices.length).fill(-1)
  roles.forEach((role, col) => {
    if (role >= firstChoice) columnOf[role - firstChoice] = col
  })
  const majoritarian = layout.system === "majoritarian"
  const problems: Array<CellProblem> = []
  const add = (col: number, message: string) => problems.push({ col, message })
  // The version cell's text read last and its number: versions come in runs of the same text (one string each).
  let lastVersionText: string | null = null
  let lastVersion = 0

  return (texts: ReadonlyArray<string>, values: Float64Array, row: ProtocolRow): ReadonlyArray<CellProblem> => {
    // Setting a length costs a call even when it does not change: rows are usually clean (hot path).
    if (problems.length > 0) problems.length = 0
    row.precinct = texts[precinctCol]
    if (emptyText(row.precinct)) add(precinctCol, "the precinct id is empty")
    row.territory = texts[territoryCol]
    if (emptyText(row.territory)) add(territoryCol, "the territory id is empty")
    row.version = 1
    if (versionCol >= 0) {
      const v = texts[versionCol]
      if (v === lastVersionText) row.version = lastVersion
      else if (/^[0-9]{1,9}$/.test(v) && Number(v) >= 1) {
        row.version = Number(v)
        lastVersionText = v
        lastVersion = row.version
      } else add(versionCol, v === "" ? "the version is empty; write 1 for a first protocol" : `"${shown(v)}" is not a version; a version is a whole number from 1`)
    }
    row.source = "manual"
    if (sourceCol >= 0) {
      const s = texts[sourceCol]
      if (s === "asu") row.source = "asu"
      else if (s !== "manual") add(sourceCol, s === "" ? "the source is empty; write manual (the hand count) or asu (the ballot box's count)" : `"${shown(s)}" is not a source; write manual (the hand count) or asu (the ballot box's count)`)
    }
    row.district = -1
    if (majoritarian) {
      const id = texts[districtCol]
      const d = layout.districtIndex.get(id)
      if (d === undefined) add(districtCol, id === "" ? "the district id is empty" : `unknown district "${shown(id)}": it is not a district of this election`)
      else {
        row.district = d
        for (let c = 0; c < layout.choices.length; c++) {
          const own = layout.choiceDistrict[c] === d
          const v = values[firstChoice + c]
          if (own && v === blank) {
            if (columnOf[c] < 0) add(districtCol, `the file has no column for candidate "${layout.choices[c]}" of district "${id}"`)
            else add(columnOf[c], `the cell of candidate "${layout.choices[c]}" is empty; write 0 if there were no votes`)
          } else if (!own && v !== blank) {
            const other = layout.districts[layout.choiceDistrict[c]]
            add(columnOf[c], `candidate "${layout.choices[c]}" stands in district "${other}", not "${id}"; leave this cell empty`)
          }
        }
      }
    }
    let sum = 0
    for (let i = 0; i < values.length; i++) if (values[i] > 0) sum += values[i]
    if (sum > rowSumLimit) add(precinctCol, `the counts of this protocol add up to more than ${rowSumLimit}, too large to check exactly`)
    return problems
  }
}
