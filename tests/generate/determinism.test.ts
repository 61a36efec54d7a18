import { describe, expect, it } from "vitest"
import { bytes, generateInto } from "./generated.js"

const files = ["election.json", "precincts.csv", "protocols.csv", "faults.json"]

describe("generate is deterministic for a seed", () => {
  for (const system of ["proportional", "majoritarian"] as const) {
    it(`${system}: the same seed and options give byte-identical files`, () => {
      const a = generateInto({ system, precincts: 600, seed: "bishkek-2024", faultRate: 0.1 })
      const b = generateInto({ system, precincts: 600, seed: "bishkek-2024", faultRate: 0.1 })
      for (const name of files) expect(bytes(a.dir, name).equals(bytes(b.dir, name)), name).toBe(true)
    })

    it(`${system}: another seed gives another election`, () => {
      const a = generateInto({ system, precincts: 300, seed: "a" })
      const b = generateInto({ system, precincts: 300, seed: "b" })
      expect(bytes(a.dir, "protocols.csv").equals(bytes(b.dir, "protocols.csv"))).toBe(false)
      expect(bytes(a.dir, "election.json").equals(bytes(b.dir, "election.json"))).toBe(false)
    })
  }

  it("the integer seed 42 and the text seed \"42\" are the same seed", () => {
    const a = generateInto({ system: "proportional", precincts: 200, seed: 42 })
    const b = generateInto({ system: "proportional", precincts: 200, seed: "42" })
    expect(bytes(a.dir, "protocols.csv").equals(bytes(b.dir, "protocols.csv"))).toBe(true)
  })
})
