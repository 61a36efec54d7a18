/** The design of a synthetic election: territories, party strength, districts and candidates, as typed arrays. */
import type { ResolvedOptions, System } from "./options.js"
import { Random } from "./random.js"

/** Everything about an election that is fixed before its precincts are generated. */
export interface Plan {
  readonly system: System
  readonly precincts: number
  readonly territories: number
  readonly districts: number
  /** Proportional: seats of the city kenesh (also the length of each party list). */
  readonly seats: number
  /** Proportional: number of party lists; majoritarian: number of candidates in all districts. */
  readonly choices: number
  /** Base turnout of each territory, 0.30 to 0.70. */
  readonly turnout: Float64Array
  /** Proportional: strength of party k in territory t at `t * choices + k`. */
  readonly partyWeight: Float64Array
  /** Majoritarian: seats of each district, 1 to 5. */
  readonly districtSeats: Int32Array
  /** Majoritarian: candidates of district d are `candidateStart[d]` up to `candidateStart[d + 1]`. */
  readonly candidateStart: Int32Array
  /** Majoritarian: strength of each candidate in their district. */
  readonly candidateWeight: Float64Array
  /** Majoritarian: 1 for a woman, 0 for a man. */
  readonly candidateFemale: Uint8Array
  readonly precinctWidth: number
  readonly territoryWidth: number
  readonly districtWidth: number
  readonly candidateWidth: number
}

const digits = (n: number): number => String(n).length

/** Seats of a city kenesh by its size: 21, 31 or 45 (Bishkek and Osh elect 45). */
const citySeats = (precincts: number): number => (precincts < 50 ? 21 : precincts < 200 ? 31 : 45)

/** Seats of an ayil kenesh district, 1 to 5, single- and two-seat districts the most common. */
const districtSeatCount = (random: Random): number => {
  const u = random.float()
  return u < 0.3 ? 1 : u < 0.55 ? 2 : u < 0.8 ? 3 : u < 0.92 ? 4 : 5
}

/** Party strength: a few strong lists and a long tail (rank r weighs about 1 / r, Zipf), shuffled by the seed. */
const partyStrengths = (random: Random, parties: number, territories: number): Float64Array => {
  const rank = Array.from({ length: parties }, (_, k) => k)
  for (let k = parties - 1; k > 0; k--) {
    const j = random.below(k + 1)
    ;[rank[k], rank[j]] = [rank[j], rank[k]]
  }
  const national = rank.map((r) => random.between(0.6, 1.4) / (r + 1))
  const weight = new Float64Array(territories * parties)
  for (let t = 0; t < territories; t++) {
    for (let k = 0; k < parties; k++) {
      const regional = random.float() < 0.1 ? 2.5 : 1
      weight[t * parties + k] = national[k] * random.between(0.6, 1.4) * regional
    }
  }
  return weight
}

/** Draws the plan of an election from the seed (its own stream, independent of the precincts). */
export const makePlan = (options: ResolvedOptions): Plan => {
  const random = new Random(`${options.seed}/plan`)
  const { system, precincts, territories, districts } = options
  const turnout = new Float64Array(territories)
  for (let t = 0; t < territories; t++) turnout[t] = random.between(0.3, 0.7)
  const proportional = system === "proportional"
  const districtSeats = new Int32Array(proportional ? 0 : districts)
  const candidateStart = new Int32Array(proportional ? 1 : districts + 1)
  const weights: Array<number> = []
  const female: Array<number> = []
  if (!proportional) {
    for (let d = 0; d < districts; d++) {
      const seats = districtSeatCount(random)
      const count = Math.min(8, Math.max(3, seats + 2 + random.below(3)))
      const first = weights.length
      for (let c = 0; c < count; c++) {
        const strength = 0.3 + random.float()
        weights.push(strength * strength)
        female.push(random.float() < 0.5 ? 1 : 0)
      }
      // Enough women for the 30% reserve of a multi-seat district (DOMAIN.md, edition 2024).
      let women = female.slice(first).reduce((a, b) => a + b, 0)
      for (let c = first; seats >= 2 && women < Math.ceil(0.3 * seats); c++) {
        if (female[c] === 0) {
          female[c] = 1
          women++
        }
      }
      districtSeats[d] = seats
      candidateStart[d + 1] = weights.length
    }
  }
  const choices = proportional ? options.parties : weights.length
  return {
    system,
    precincts,
    territories,
    districts,
    seats: proportional ? citySeats(precincts) : 0,
    choices,
    turnout,
    partyWeight: proportional ? partyStrengths(random, options.parties, territories) : new Float64Array(0),
    districtSeats,
    candidateStart,
    candidateWeight: Float64Array.from(weights),
    candidateFemale: Uint8Array.from(female),
    precinctWidth: Math.max(4, digits(2 * precincts)),
    territoryWidth: Math.max(2, digits(territories)),
    districtWidth: Math.max(2, digits(districts)),
    candidateWidth: Math.max(4, digits(choices))
  }
}

/** The territory of precinct i: precincts are numbered territory by territory. */
export const territoryOf = (plan: Plan, i: number): number => Math.floor((i * plan.territories) / plan.precincts)

/** The district of precinct i (0 in a proportional election): numbered district by district. */
export const districtOf = (plan: Plan, i: number): number => Math.floor((i * plan.districts) / plan.precincts)

/** Precinct id "P0001"; ids past the registry (numbers above N) name precincts it does not know. */
export const precinctId = (plan: Plan, number: number): string => "P" + String(number).padStart(plan.precinctWidth, "0")

/** Territory id "T01" of the 0-based territory t. */
export const territoryId = (plan: Plan, t: number): string => "T" + String(t + 1).padStart(plan.territoryWidth, "0")

/** District id "D01" of the 0-based district d. */
export const districtId = (plan: Plan, d: number): string => "D" + String(d + 1).padStart(plan.districtWidth, "0")

/** Candidate id "c0001" of the 0-based candidate c (numbered across all districts). */
export const candidateId = (plan: Plan, c: number): string => "c" + String(c + 1).padStart(plan.candidateWidth, "0")
