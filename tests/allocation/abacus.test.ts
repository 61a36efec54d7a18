import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import type { Method } from "../../src/allocation/types.js"
import { analyst, seatsOf } from "./helpers.js"

/** Seat allocation vectors from the test suite of kiesraad/abacus (the Dutch council's apportionment crate). */
interface Vector {
  readonly id: number
  readonly case: string
  readonly method: string
  readonly seats: number
  readonly threshold: null
  readonly votes: Record<string, number>
  readonly expected: Record<string, number> | null
  readonly tie_note: string | null
  /** Plain Hare's result for a Dutch-law vector: seats per list, or a tie written as "tie ['F', 'G', 'H']". */
  readonly reference_result?: { readonly plain_hare?: Record<string, number> | string }
}

/** A copy of `shared/data/abacus_vectors.json`, kept in the repository so that the test runs wherever it is cloned. */
const vectors: ReadonlyArray<Vector> = JSON.parse(readFileSync(new URL("../../fixtures/abacus/vectors.json", import.meta.url), "utf8")).vectors

/** Methods that are ours as they stand; `nl_kieswet_*` add Dutch-law rules (Art. P9/P10, 3/4-quota) that Kyrgyz law has not. */
const ours = (method: string): method is Method => method === "dhondt" || method === "hare"

const genuineTie = (v: Vector): boolean => v.tie_note?.startsWith("GENUINE TIE") === true

describe("abacus vectors in our methods", () => {
  it("includes both methods and skips only the Dutch-law variants", () => {
    expect(vectors.filter((v) => ours(v.method)).length).toBeGreaterThanOrEqual(7)
    expect(vectors.filter((v) => !ours(v.method)).every((v) => v.method.startsWith("nl_kieswet"))).toBe(true)
  })

  for (const v of vectors.filter((v) => ours(v.method) && v.expected !== null)) {
    it(`#${v.id} ${v.case} (${v.method}, ${v.seats} seats)`, () => {
      const result = analyst(v.method as Method, v.votes, v.seats)
      expect(seatsOf(result)).toEqual(v.expected)
      const total = Object.values(v.votes).reduce((a, b) => a + b, 0)
      if (genuineTie(v)) expect(result.status).toBe("lot-required")
      else expect(result.status).toBe(total === 0 ? "failed" : "allocated")
    })
  }

  // Dutch-law vectors whose plain-Hare reference result the file gives: that is what our Hare must return,
  // and a reference tie ("tie ['F', 'G', 'H']") must come back lot-required among the same lists.
  for (const v of vectors.filter((v) => v.reference_result?.plain_hare !== undefined)) {
    const reference = v.reference_result?.plain_hare
    it(`#${v.id} ${v.case}: plain Hare reference`, () => {
      const result = analyst("hare", v.votes, v.seats)
      if (typeof reference === "string") {
        const among = [...reference.matchAll(/'([^']+)'/g)].map((m) => m[1])
        expect(result.status).toBe("lot-required")
        expect(result.tie?.among).toEqual(among)
      } else {
        expect(result.status).toBe("allocated")
        expect(seatsOf(result)).toEqual(reference)
      }
    })
  }
})
