/** The derivation of an allocation as plain JSON values a person can follow, each with a sentence, and its table form. */
import type { FailReason } from "./types.js"

/** One step of a derivation; every kind carries `text`, the sentence a clerk would read aloud. */
export type Step =
  | {
      readonly kind: "threshold"
      readonly percent: string
      readonly op: "gt" | "ge"
      readonly base: "participants" | "valid"
      readonly baseVotes: number
      readonly votesNeeded: string
      readonly text: string
    }
  | {
      readonly kind: "admission"
      readonly party: string
      readonly votes: number
      readonly share: string
      readonly admitted: boolean
      readonly text: string
    }
  | { readonly kind: "failed"; readonly reason: FailReason; readonly text: string }
  | {
      readonly kind: "quota"
      readonly votes: number
      readonly seats: number
      readonly quota: string
      readonly text: string
    }
  | {
      readonly kind: "whole"
      readonly party: string
      readonly votes: number
      readonly whole: number
      readonly remainder: string
      readonly text: string
    }
  | { readonly kind: "divisors"; readonly divisors: ReadonlyArray<string>; readonly text: string }
  | {
      readonly kind: "quotients"
      readonly party: string
      readonly quotients: ReadonlyArray<string>
      readonly text: string
    }
  | { readonly kind: "seat"; readonly seat: number; readonly to: string; readonly claim: string; readonly text: string }
  | { readonly kind: "tie-break"; readonly among: ReadonlyArray<string>; readonly winners: ReadonlyArray<string>; readonly text: string }
  | { readonly kind: "lot"; readonly among: ReadonlyArray<string>; readonly winners: ReadonlyArray<string>; readonly text: string }
  | { readonly kind: "tie"; readonly among: ReadonlyArray<string>; readonly seats: number; readonly text: string }
  | { readonly kind: "reserve"; readonly reserved: number; readonly unfilled: number; readonly text: string }
  | { readonly kind: "give-way"; readonly man: string; readonly woman: string; readonly text: string }
  | { readonly kind: "note"; readonly text: string }

/** The kinds of step, for readers that switch on them. */
export type StepKind = Step["kind"]

/**
 * The steps as table rows: number, kind and sentence, with a header row first.
 * @example stepsTable([{ kind: "note", text: "hi" }]) // [["#", "step", "what happened"], ["1", "note", "hi"]]
 */
export const stepsTable = (steps: ReadonlyArray<Step>): Array<[string, string, string]> => [
  ["#", "step", "what happened"],
  ...steps.map((s, i): [string, string, string] => [String(i + 1), s.kind, s.text])
]

/** A count with thin groups of three digits for sentences ("14 722"); never parsed back. */

/** Names joined for a sentence: "a", "a and b", "a, b and c". */
export const names = (ids: ReadonlyArray<string>): string =>
  ids.length <= 1 ? (ids[0] ?? "") : `${ids.slice(0, -1).join(", ")} and ${ids[ids.length - 1]}`
