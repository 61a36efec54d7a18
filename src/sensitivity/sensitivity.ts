/**
 * Sensitivity (SPEC §3 `sensitivity`, DOMAIN.md "Could an annulled precinct change the seats?"): for each precinct
 * that is annulled, missing, counted only by the ASU or blocked by an error finding, and for all of them together,
 * could its voters have changed the seats or the status? Pure: the caller gives the base totals (the tally without
 * the listed precincts' protocols).
 */
import type { Election } from "../ballot/election.js"
import { firstChoice, L } from "../ballot/protocol.js"
import { allocateDistrict } from "../allocation/majoritarian.js"
import { allocateProportional } from "../allocation/proportional.js"
import type { DistrictInput, ProportionalInput } from "../allocation/types.js"
import { participants, type Totals } from "../tally/totals.js"
import { districtQuestion, withMarks } from "./districts.js"
import { listsQuestion, withBallots } from "./lists.js"
import { searcher, type Searcher, type Verdict } from "./search.js"

/** Why a precinct is in question (SPEC §3 `why`). */
export type Why = "annulled" | "missing" | "preliminary" | "errors"

/** A precinct in question: its voters (the registry's, else its protocol's) and, in an ayil kenesh, its district id. */
export interface ListedPrecinct {
  readonly precinct: string
  readonly why: Why
  readonly voters: number
  readonly district: string | null
}

/** A result of the precinct(s) that changes the outcome: ballots, where they went, and the seats (or the elected) it gives. */
export interface Witness {
  readonly ballots: number
  readonly to: Readonly<Record<string, number>>
  readonly seats?: Readonly<Record<string, number>>
  readonly elected?: Readonly<Record<string, ReadonlyArray<string>>>
}

/** One precinct's answer (SPEC §3 `sensitivity.precincts[]`). */
export interface PrecinctSensitivity {
  readonly precinct: string
  readonly why: Why
  readonly voters: number
  readonly answer: Verdict["answer"]
  readonly witness: Witness | null
}

/** SPEC §3 `sensitivity`. */
export interface Sensitivity {
  readonly precincts: ReadonlyArray<PrecinctSensitivity>
  readonly together: {
    readonly precincts: number
    readonly voters: number
    readonly answer: Verdict["answer"]
    readonly witness: Witness | null
  }
}

/** The base: election totals and per-district totals without the listed precincts' protocols (`Tally.totalsWithout`). */
export interface BaseTotals {
  readonly totals: Totals
  readonly districts: ReadonlyArray<{ readonly id: string; readonly totals: Totals }>
}

/** The statutory allocation input of a proportional election's totals (DOMAIN.md "Seats: proportional"). */
export const listsInput = (election: Election, totals: Totals): ProportionalInput => {
  const v = totals.values
  return {
    seats: election.seats,
    lists: election.parties.map((p, i) => ({ id: p.id, votes: v[firstChoice + i], ...(p.list !== null ? { candidates: p.list } : {}) })),
    participants: participants(v),
    againstAll: v[L.againstAll],
    invalid: v[L.invalid],
    rules: election.rules,
    method: "hare",
    lots: election.lots
  }
}

/** The allocation input of district `di` from its totals (DOMAIN.md "Seats: majoritarian"). */
export const districtInput = (election: Election, di: number, totals: Totals): DistrictInput => {
  const d = election.districts[di]
  const v = totals.values
  const own = election.layout.districtChoices[di]
  return {
    seats: d.seats,
    candidates: d.candidates.map((c, ci) => ({ id: c.id, votes: v[firstChoice + own[ci]], gender: c.gender })),
    againstAll: v[L.againstAll],
    rules: election.rules,
    reservedForWomen: d.reservedForWomen,
    lots: election.lots
  }
}

/** A record safe for any id as a key (`__proto__` included). */
const record = <T>(): Record<string, T> => Object.create(null) as Record<string, T>

/** The witness of a proportional base: ballots per list, against all and invalid, and the seats they give. */
const listsWitness = (input: ProportionalInput, x: ReadonlyArray<number>): Witness => {
  const n = input.lists.length
  const to = record<number>()
  input.lists.forEach((l, i) => (x[i] > 0 ? (to[l.id] = x[i]) : undefined))
  if (x[n] > 0) to.against_all = x[n]
  if (x[n + 1] > 0) to.invalid = x[n + 1]
  const seats = record<number>()
  for (const p of allocateProportional(withBallots(input, x)).parties) seats[p.party] = p.seats
  return { ballots: x.reduce((s, b) => s + b, 0), to, seats }
}

/** The witness in a district: ballots, marks per candidate and against all, and who that elects there. */
const districtWitness = (district: string, input: DistrictInput, x: ReadonlyArray<number>, ballots: number): Witness => {
  const m = input.candidates.length
  const to = record<number>()
  input.candidates.forEach((c, i) => (x[i] > 0 ? (to[c.id] = x[i]) : undefined))
  if (x[m] > 0) to.against_all = x[m]
  const elected = record<ReadonlyArray<string>>()
  elected[district] = allocateDistrict(withMarks(input, x)).candidates.filter((c) => c.elected).map((c) => c.candidate)
  return { ballots, to, elected }
}

/** An answer with its witness in SPEC form. */
interface Answered {
  readonly answer: Verdict["answer"]
  readonly witness: Witness | null
}

/**
 * Answers every listed precinct and all of them together (null when none is listed). Each question is settled by
 * one proof computed once per base (per district in an ayil kenesh): a precinct costs a comparison unless its
 * voters pass the proven bound, and witnesses found are shared by every precinct with enough voters.
 * @example sensitivity(election, tally.totalsWithout(["1339"]), [{ precinct: "1339", why: "annulled", voters: 1834, district: null }])
 */
export const sensitivity = (election: Election, base: BaseTotals, listed: ReadonlyArray<ListedPrecinct>): Sensitivity | null => {
  if (listed.length === 0) return null
  const sumVoters = listed.reduce((s, p) => s + p.voters, 0)
  let ask: (voters: ReadonlyArray<{ readonly district: string | null; readonly voters: number }>) => Answered
  if (election.system === "proportional") {
    const input = listsInput(election, base.totals)
    const search = searcher(listsQuestion(input))
    const witnesses = new Map<ReadonlyArray<number>, Witness>()
    ask = (group) => {
      const verdict = search.answer(group.reduce((s, p) => s + p.voters, 0))
      if (verdict.answer !== "can") return { answer: verdict.answer, witness: null }
      // Precincts with enough voters share a witness: its seats are computed once.
      let witness = witnesses.get(verdict.x)
      if (witness === undefined) witnesses.set(verdict.x, (witness = listsWitness(input, verdict.x)))
      return { answer: "can", witness }
    }
  } else {
    interface DistrictSearch {
      readonly input: DistrictInput
      readonly search: Searcher
      readonly ballots: (x: ReadonlyArray<number>) => number
      readonly witnesses: Map<ReadonlyArray<number>, Witness>
    }
    const questions = new Map<number, DistrictSearch>()
    const questionOf = (di: number) => {
      let q = questions.get(di)
      if (q === undefined) {
        const d = election.districts[di]
        const totals = base.districts.find((b) => b.id === d.id)?.totals
        if (totals === undefined) throw new Error(`sensitivity: no base totals for district ${JSON.stringify(d.id)}`)
        const input = districtInput(election, di, totals)
        const question = districtQuestion(input, election.rules.marksPerVoter === "seats" ? d.seats : election.rules.marksPerVoter)
        q = { input, search: searcher(question), ballots: question.ballots, witnesses: new Map() }
        questions.set(di, q)
      }
      return q
    }
    ask = (group) => {
      // Each district's seats depend on its own ballots only: the group changes the seats when one district's share does.
      const byDistrict = new Map<number, number>()
      let unplaced = false
      for (const p of group) {
        const di = p.district === null ? undefined : election.layout.districtIndex.get(p.district)
        if (di === undefined) unplaced ||= p.voters > 0
        else byDistrict.set(di, (byDistrict.get(di) ?? 0) + p.voters)
      }
      let answer: Verdict["answer"] = unplaced ? "undetermined" : "cannot"
      for (const di of [...byDistrict.keys()].sort((a, b) => a - b)) {
        const q = questionOf(di)
        const verdict = q.search.answer(byDistrict.get(di) ?? 0)
        if (verdict.answer === "can") {
          let witness = q.witnesses.get(verdict.x)
          if (witness === undefined) q.witnesses.set(verdict.x, (witness = districtWitness(election.districts[di].id, q.input, verdict.x, q.ballots(verdict.x))))
          return { answer: "can", witness }
        }
        if (verdict.answer === "undetermined") answer = "undetermined"
      }
      return { answer, witness: null }
    }
  }
  return {
    precincts: listed.map((p) => ({ precinct: p.precinct, why: p.why, voters: p.voters, ...ask([p]) })),
    together: { precincts: listed.length, voters: sumVoters, ...ask(listed) }
  }
}
