/**
 * The control relations of one precinct protocol (SPEC §4), checked on a row of values. Every product and
 * sum is exact: decoding bounds a row's counts (`rowSumLimit`) so that they stay below 2^53.
 */
import { grouped as g } from "../ballot/count-cell.js"
import { firstChoice, L, type ProtocolLayout } from "../ballot/protocol.js"
import type { Breach } from "./finding.js"


/** What the checks need beyond the row: the layout, and the marks a voter may make in each district. */
export interface CheckContext {
  readonly layout: ProtocolLayout
  /** Marks per voter for each district index (majoritarian); unused for proportional. */
  readonly marks: ReadonlyArray<number>
}


/**
 * Checks every per-protocol relation and calls `report` for each one that fails; returns how many failed.
 * The common case (nothing wrong) allocates nothing.
 */
export const checkProtocol = (v: Float64Array, district: number, ctx: CheckContext, report: (b: Breach) => void): number => {
  let n = 0
  const voters = v[L.voters]
  const received = v[L.received]
  const issued = v[L.issuedPremises] + v[L.issuedOutside]
  const found = v[L.foundStationary] + v[L.foundMobile]
  const valid = v[L.valid]
  const invalid = v[L.invalid]
  const againstAll = v[L.againstAll]

  // Ballot account: received = issued + cancelled + spoiled (Art. 31 part 14 for spoiled ballots).
  const accounted = issued + v[L.cancelled] + v[L.spoiled]
  if (received !== accounted) {
    n++
    report({ code: "ballot-balance", expected: accounted, actual: received, message: `ballots received (${g(received)}) differ from ballots issued, cancelled and spoiled (${g(accounted)})` })
  }
  // Ballots found in the boxes = ballots sorted into valid and invalid.
  const sorted = valid + invalid
  if (found !== sorted) {
    n++
    report({ code: "found-vs-sorted", expected: sorted, actual: found, message: `ballots found in the boxes (${g(found)}) differ from valid plus invalid ballots (${g(sorted)})` })
  }
  if (ctx.layout.system === "proportional") {
    // Art. 31 part 13: each valid ballot carries one mark, for a list or against all.
    let marks = againstAll
    for (let i = firstChoice; i < v.length; i++) marks += v[i]
    if (valid !== marks) {
      n++
      report({ code: "valid-vs-votes", expected: marks, actual: valid, message: `valid ballots (${g(valid)}) differ from the votes for the lists plus against all (${g(marks)})` })
    }
  } else {
    const own = ctx.layout.districtChoices[district]
    const perVoter = ctx.marks[district]
    let sum = 0
    let over = -1
    for (const c of own) {
      const x = v[firstChoice + c]
      sum += x
      if (x > valid - againstAll && (over < 0 || x > v[firstChoice + over])) over = c
    }
    // Art. 31 part 13: a valid ballot has 1 to N marks for candidates, or one mark against all.
    const most = (valid - againstAll) * perVoter
    if (valid > sum + againstAll || sum > most) {
      n++
      report(
        valid > sum + againstAll
          ? { code: "marks-out-of-range", expected: valid, actual: sum + againstAll, message: `candidate marks plus against all (${g(sum + againstAll)}) are fewer than the valid ballots (${g(valid)})` }
          : { code: "marks-out-of-range", expected: most, actual: sum, message: `candidate marks (${g(sum)}) exceed ${perVoter} per valid ballot not against all (at most ${g(most)})` }
      )
    }
    // Art. 31 part 13: a candidate gets at most one mark per ballot.
    if (over >= 0) {
      n++
      const x = v[firstChoice + over]
      report({ code: "candidate-over-ballots", expected: valid - againstAll, actual: x, message: `candidate "${ctx.layout.choices[over]}" has ${g(x)} votes, more than the ${g(valid - againstAll)} valid ballots not against all` })
    }
  }
  if (found > issued) {
    n++
    report({ code: "found-over-issued", expected: issued, actual: found, message: `more ballots found (${g(found)}) than issued (${g(issued)})` })
  }
  if (v[L.foundMobile] > v[L.issuedOutside]) {
    n++
    report({ code: "mobile-over-issued", expected: v[L.issuedOutside], actual: v[L.foundMobile], message: `more ballots in the mobile boxes (${g(v[L.foundMobile])}) than issued outside the premises (${g(v[L.issuedOutside])})` })
  }
  if (issued > voters) {
    n++
    report({ code: "issued-over-voters", expected: voters, actual: issued, message: `more ballots issued (${g(issued)}) than voters on the list (${g(voters)})` })
  }
  // Art. 30 parts 1 and 13: ballots at most 0.1% over the voters, exactly: 1000 * received <= 1001 * voters.
  if (1000 * received > 1001 * voters) {
    n++
    const allowed = reserveLimit(voters)
    report({ code: "reserve-exceeded", expected: allowed, actual: received, message: `${g(received)} ballots received for ${g(voters)} voters; the 0.1% reserve allows at most ${g(allowed)}` })
  }
  if (found < issued) {
    n++
    report({ code: "ballots-unaccounted", expected: issued, actual: found, message: `${g(issued - found)} of ${g(issued)} ballots issued were not found in the boxes` })
  }
  // Practice: invalid ballots over 5% of the ballots found deserve a look (100 * invalid > 5 * found).
  if (100 * invalid > 5 * found) {
    n++
    report({ code: "high-invalid-share", expected: Math.floor(found / 20), actual: invalid, message: `${g(invalid)} invalid of ${g(found)} ballots found, over 5%` })
  }
  return n
}

/** The most ballots `voters` may receive: floor(1001 * voters / 1000) (Art. 30 parts 1 and 13). */
export const reserveLimit = (voters: number): number => Number((1001n * BigInt(voters)) / 1000n)
