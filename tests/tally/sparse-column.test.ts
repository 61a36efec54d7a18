/** A sparse column answers as a plain array of numbers would, and a column of zeros is never made into a part. */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { SparseColumn } from "../../src/tally/sparse-column.js"

describe("SparseColumn", () => {
  it("gets what was set, for any sets (zeros among them), growth and parts", () => {
    const set = fc.record({ slot: fc.nat(300), value: fc.oneof(fc.constant(0), fc.integer({ min: -5, max: 5 })) })
    fc.assert(
      fc.property(fc.array(set, { maxLength: 40 }), fc.nat(300), (sets, from) => {
        const column = SparseColumn.zeros(16)
        const model = new Array<number>(301).fill(0)
        for (const { slot, value } of sets) {
          column.grow(slot + 1)
          column.set(slot, value)
          model[slot] = value
        }
        column.grow(301)
        expect(Array.from({ length: 301 }, (_, i) => column.get(i))).toEqual(model)
        const part = column.part(301, false)
        // Only a column that was ever given a number other than 0 becomes an array.
        expect(part === null).toBe(sets.every((s) => s.value === 0))
        if (part !== null) expect(Array.from(part)).toEqual(model)
        const taken = SparseColumn.taken(part, 400)
        expect(Array.from({ length: 301 }, (_, i) => taken.get(i))).toEqual(model)
        const into = SparseColumn.zeros(700)
        into.setNew(part, 300, from)
        expect(Array.from({ length: 301 }, (_, j) => into.get(300 + j))).toEqual(model.map((v, j) => (j < from ? 0 : v)))
      }),
      { numRuns: 300 }
    )
  })
})
