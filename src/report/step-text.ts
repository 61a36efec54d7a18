/** The steps of an allocation (SPEC §3 `steps`) as sentences in a language, with names for ids. */
import type { Step } from "../allocation/steps.js"
import type { Labels } from "./language.js"
import { count, type Names } from "./view.js"

/** A seat's claim ("remainder 0.8637 (11352/13143)", "570 votes") in the language; other claims as the engine wrote them. */
export const claimText = (claim: string, L: Labels): string => {
  const remainder = /^remainder (.+)$/.exec(claim)
  if (remainder !== null) return L.remainderClaim(remainder[1])
  const votes = /^([0-9][0-9 ]*) votes?$/.exec(claim)
  if (votes !== null) return L.votesClaim(votes[1])
  return claim
}

/** One step as a sentence; a `note` keeps the engine's own words. */
export const stepText = (s: Step, L: Labels, names: Names): string => {
  const n = (ids: ReadonlyArray<string>) => ids.map(names.choice)
  switch (s.kind) {
    case "threshold":
      return L.threshold(s.op, s.percent, s.base, count(s.baseVotes), s.votesNeeded)
    case "admission":
      return `${names.choice(s.party)}: ${count(s.votes)} (${s.share}%) ${s.admitted ? L.columns.admitted.toLowerCase() + ": " + L.yes : L.columns.admitted.toLowerCase() + ": " + L.no}`
    case "failed":
      return L.failedStep(L.reason[s.reason])
    case "quota":
      return L.quota(count(s.votes), count(s.seats), s.quota)
    case "whole":
      return `${names.choice(s.party)}: ${count(s.votes)} → ${L.columns.whole.toLowerCase()} ${s.whole}, ${L.remainderClaim(s.remainder)}`
    case "divisors":
      return L.divisors(s.divisors)
    case "quotients":
      return L.quotients(names.choice(s.party), s.quotients)
    case "seat":
      return `${L.columns.seat} ${s.seat}: ${names.choice(s.to)}, ${claimText(s.claim, L)}`
    case "tie-break":
      return L.tieBreak(n(s.among), n(s.winners))
    case "lot":
      return L.lot(n(s.among), n(s.winners))
    case "tie":
      return L.tie(s.seats, n(s.among))
    case "reserve":
      return L.reserve(s.reserved, s.unfilled)
    case "give-way":
      return L.giveWay(names.choice(s.man), names.choice(s.woman))
    case "note": {
      const whole = /^Whole quotas give ([0-9]+) seats?; ([0-9]+) seats? left for the largest remainders$/.exec(s.text)
      return whole !== null ? L.wholeSeats(Number(whole[1]), Number(whole[2])) : s.text
    }
  }
}
