/** Seat allocation: pure, synchronous and exact. Import as a namespace: `import * as Allocation from "../allocation/index.js"`. */
export { allocateProportional } from "./proportional.js"
export { marginsOf } from "./margins.js"
export { allocateDistrict, reservedSeats } from "./majoritarian.js"
export { compareMethods, gallagher, loosemoreHanby, type Comparison, type ListShare, type MethodColumn } from "./compare.js"
export { stepsTable, type Step, type StepKind } from "./steps.js"
export { admits } from "./threshold.js"
export { parseDecimal } from "./exact.js"
export {
  maxSeats,
  methods,
  type CandidateResult,
  type CandidateVotes,
  type DistrictInput,
  type DistrictResult,
  type DistrictRules,
  type DivisorMethod,
  type FailReason,
  type Gender,
  type ListVotes,
  type Lot,
  type Margin,
  type ListSeats,
  type Method,
  type PartyResult,
  type ProportionalInput,
  type ProportionalResult,
  type ProportionalRules,
  type QuotaMethod,
  type SettledLot,
  type Status,
  type Tie,
  type WomenReserveResult
} from "./types.js"
