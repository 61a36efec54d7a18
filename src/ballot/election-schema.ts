/** The schema of `election.json` (SPEC §1.1): the shape of every field, with messages a clerk can act on. */
import * as Schema from "effect/Schema"
import { maxSeats } from "./rules.js"

// `override`: the words replace those of the parts (a literal union would otherwise say only `Expected "2011"`).
const msg = (text: string) => ({ message: () => ({ message: text, override: true }) })

/** What an identifier looks like: non-empty text without surrounding spaces. */
export const idPattern = /^\S(.*\S)?$/

/** An identifier: non-empty text without surrounding spaces. */
export const Id = Schema.String.pipe(Schema.pattern(idPattern)).annotations(msg("must be a non-empty id without surrounding spaces"))

/** A whole number of 0 or more that a float holds exactly. */
export const Count = Schema.Number.pipe(Schema.int(), Schema.between(0, Number.MAX_SAFE_INTEGER)).annotations(
  msg("must be a whole number of 0 or more")
)

/** A whole number of 1 or more. */
export const PositiveCount = Schema.Number.pipe(Schema.int(), Schema.between(1, Number.MAX_SAFE_INTEGER)).annotations(
  msg("must be a whole number of 1 or more")
)

/** The seats of a kenesh or a district: 1 to `maxSeats` (a count that is not a whole number of 1 or more keeps PositiveCount's words). */
const SeatCount = PositiveCount.pipe(
  Schema.lessThanOrEqualTo(maxSeats, { message: () => `must be a whole number from 1 to ${maxSeats} (the seats of one council)` })
)

/** A decimal percent, as a number or a string: "7", 5, "0.5". */
export const Percent = Schema.Union(Schema.String, Schema.Number)
  .pipe(Schema.filter((p) => /^[0-9]+(\.[0-9]+)?$/.test(String(p)) && Number(p) <= 100))
  .annotations(msg("must be a decimal percent from 0 to 100, like 7 or \"0.5\""))

const opt = <S extends Schema.Schema.Any>(s: S) => Schema.optionalWith(s, { exact: true })

const Party = Schema.Struct({ id: Id, name: Schema.String, list: opt(Schema.Array(Schema.String)) })

const Candidate = Schema.Struct({
  id: Id,
  name: Schema.String,
  gender: Schema.Literal("F", "M").annotations(msg('must be "F" or "M"')),
  party: opt(Schema.String)
})

const District = Schema.Struct({
  id: Id,
  name: Schema.String,
  seats: SeatCount,
  reservedForWomen: opt(Count),
  candidates: Schema.Array(Candidate)
})

const Territory = Schema.Struct({ id: Id, name: Schema.String })

/** One registered precinct. */
export const Precinct = Schema.Struct({ id: Id, territory: Id, district: opt(Id), voters: Count })

const Lot = Schema.Struct({ among: Schema.Array(Id), winners: Schema.Array(Id) })

/** Overrides of the edition's rule parameters; every key is optional and unknown keys are rejected. */
export const RulesOverride = Schema.Struct({
  threshold: opt(
    Schema.Struct({
      percent: opt(Percent),
      op: opt(Schema.Literal("gt", "ge").annotations(msg('must be "gt" (more than) or "ge" (not less than)'))),
      base: opt(Schema.Literal("participants", "valid").annotations(msg('must be "participants" or "valid"')))
    })
  ),
  tie: opt(Schema.Literal("lot", "votes").annotations(msg('must be "lot" or "votes"'))),
  marksPerVoter: opt(Schema.Union(Schema.Number.pipe(Schema.int(), Schema.between(1, 1000)), Schema.Literal("seats")).annotations(msg('must be a whole number from 1 to 1000, or "seats"'))),
  againstAll: opt(Schema.Literal("fail", "ignore").annotations(msg('must be "fail" or "ignore"'))),
  womenReserve: opt(
    Schema.NullOr(Schema.Struct({ percent: opt(Percent), minSeats: opt(PositiveCount) })).annotations(
      msg("must be null (no reserve) or an object with percent and minSeats")
    )
  ),
  asuTolerance: opt(Percent)
})

/** The raw `election.json` document. */
export const ElectionFile = Schema.Struct({
  id: Id,
  name: Schema.String,
  system: Schema.Literal("proportional", "majoritarian").annotations(msg('must be "proportional" or "majoritarian"')),
  edition: opt(Schema.Literal("2011", "2024").annotations(msg('must be "2011" or "2024"'))),
  seats: opt(SeatCount),
  parties: opt(Schema.Array(Party)),
  districts: opt(Schema.Array(District)),
  territories: opt(Schema.Array(Territory)),
  /** A list of precincts or the path of a registry CSV; decoded on its own so each precinct's problems are reported. */
  precincts: opt(Schema.Unknown),
  rules: opt(RulesOverride),
  annulled: opt(Schema.Array(Id)),
  lots: opt(Schema.Array(Lot)),
  /** The language of the human-facing output (SPEC §1.1); `--lang` wins. */
  lang: opt(Schema.Literal("en", "ru", "ky").annotations(msg('must be "en", "ru" or "ky"')))
})

/** The decoded `election.json` document, before its cross-references are checked. */
export type ElectionFile = typeof ElectionFile.Type
