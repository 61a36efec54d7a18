/** The numbers of one precinct: its registry entry and its protocol, consistent by construction or broken on purpose. */
import { apportion } from "./apportion.js"
import type { FaultCode } from "./faults.js"
import type { Plan } from "./plan.js"
import type { Random } from "./random.js"

/** One precinct's registry voters and protocol lines; reused from precinct to precinct (no object per row). */
export class PrecinctDraft {
  registryVoters = 0
  voters = 0
  received = 0
  issuedPremises = 0
  issuedOutside = 0
  cancelled = 0
  spoiled = 0
  foundStationary = 0
  foundMobile = 0
  invalid = 0
  valid = 0
  againstAll = 0
  /** Votes of each party, or of each candidate of the precinct's district, in column order. */
  readonly votes: Int32Array
  /** How many entries of `votes` are in use. */
  choices = 0
  private readonly weights: Float64Array
  private readonly capped: Uint8Array

  constructor(maxChoices: number) {
    this.votes = new Int32Array(maxChoices)
    this.weights = new Float64Array(maxChoices)
    this.capped = new Uint8Array(maxChoices)
  }

  /**
   * Draws a precinct of territory t and district d (0 in a proportional election). Clean, every SPEC §4 relation holds with room to spare;
   * with a fault code, exactly that relation is broken and every other one still holds. Mutates in place.
   */
  draw(plan: Plan, random: Random, t: number, d: number, fault: FaultCode | null): void {
    // Registry: 300 to 3,000 voters, most near the middle; a precinct that issues more ballots than it has
    // voters needs at least 1,000, since below that its reserve is zero (Art. 30 part 13).
    const voters = fault === "issued-over-voters" ? 1000 + random.below(2001) : 300 + random.below(1351) + random.below(1351)
    this.registryVoters = voters
    this.voters = fault === "voters-mismatch" ? voters + 1 + random.below(5) : voters
    const reserve = Math.floor(voters / 1000)
    // Most commissions receive exactly one ballot per voter; some get the reserve of 0.1%.
    this.received = voters + (fault === "issued-over-voters" || random.float() < 0.15 ? reserve : 0)
    if (fault === "reserve-exceeded") this.received = voters + reserve + 1
    const turnout = Math.min(0.7, Math.max(0.3, plan.turnout[t] + random.between(-0.04, 0.04)))
    const issued = fault === "issued-over-voters" ? voters + 1 : Math.floor(voters * turnout)
    this.issuedOutside = Math.floor(issued * random.between(0, 0.06))
    this.issuedPremises = issued - this.issuedOutside
    this.spoiled = fault === "issued-over-voters" ? 0 : Math.floor(issued * random.between(0, 0.005))
    this.cancelled = this.received - issued - this.spoiled
    if (fault === "ballot-balance") {
      const shift = 1 + random.below(3)
      this.cancelled += this.cancelled >= shift && random.float() < 0.5 ? -shift : shift
    }

    const shift = 1 + random.below(3)
    const found = fault === "found-over-issued" ? issued + shift : fault === "ballots-unaccounted" ? issued - shift : issued
    this.foundMobile = fault === "mobile-over-issued" ? this.issuedOutside + shift : this.issuedOutside
    this.foundStationary = found - this.foundMobile
    // Invalid ballots 0.5-3% of those found; a high-invalid fault puts them over 5%.
    this.invalid =
      fault === "high-invalid-share"
        ? Math.floor((found * 6) / 100) + 1 + random.below(Math.floor((found * 4) / 100) + 1)
        : Math.floor(found * random.between(0.005, 0.03))
    this.valid = found - this.invalid
    this.againstAll = Math.floor(this.valid * random.between(0.005, 0.03))
    if (plan.system === "proportional") this.drawPartyVotes(plan, random, t, fault)
    else this.drawCandidateVotes(plan, random, d, fault)
    if (fault === "found-vs-sorted") {
      // Only the sorted count is off: fewer invalid ballots (or one more when there are too few to take).
      const off = 1 + random.below(3)
      this.invalid += this.invalid >= off ? -off : 1
    }
  }

  /** Party votes: territory strength with precinct noise; they sum to valid minus against-all. */
  private drawPartyVotes(plan: Plan, random: Random, t: number, fault: FaultCode | null): void {
    const k = plan.choices
    for (let p = 0; p < k; p++) this.weights[p] = plan.partyWeight[t * k + p] * random.between(0.8, 1.2)
    const ballots = this.valid - this.againstAll
    apportion(ballots, ballots, this.weights, k, this.votes, this.capped, random.below(k))
    this.choices = k
    if (fault === "valid-vs-votes") {
      const p = random.below(k)
      const off = 1 + random.below(3)
      this.votes[p] += this.votes[p] >= off && random.float() < 0.5 ? -off : off
    }
  }

  /**
   * Candidate votes by block vote: each ballot not against all marks 1 to `seats` candidates (Art. 31 part 13),
   * so the marks lie between B and B * seats (B = valid - against all) and no candidate has more than B.
   */
  private drawCandidateVotes(plan: Plan, random: Random, d: number, fault: FaultCode | null): void {
    const first = plan.candidateStart[d]
    const n = plan.candidateStart[d + 1] - first
    const seats = plan.districtSeats[d]
    const ballots = this.valid - this.againstAll
    for (let c = 0; c < n; c++) this.weights[c] = plan.candidateWeight[first + c] * random.between(0.7, 1.3)
    // Voters use on average 30-80% of their extra marks.
    let marks = ballots + Math.floor(ballots * (seats - 1) * random.between(0.3, 0.8))
    const off = 1 + random.below(3)
    if (fault === "marks-out-of-range") marks = seats < n && random.float() < 0.5 ? ballots * seats + off : ballots - off
    const over = fault === "candidate-over-ballots" ? random.below(n) : -1
    if (over >= 0) marks = Math.max(marks, ballots + off) - ballots - off
    apportion(marks, ballots, this.weights, n, this.votes, this.capped, random.below(n))
    if (over >= 0) this.votes[over] = ballots + off
    this.choices = n
  }
}
