import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { resolveOptions } from "../../src/generate/options.js"

const resolve = (o: Partial<Parameters<typeof resolveOptions>[0]>) =>
  resolveOptions({ system: "proportional", precincts: 1000, seed: "s", out: "dir", ...o })

describe("resolveOptions", () => {
  it("fills realistic defaults: 15 parties, up to 50 territories, up to 50 districts, no faults", () => {
    expect(resolve({})).toEqual(
      Either.right({ system: "proportional", precincts: 1000, seed: "s", out: "dir", parties: 15, territories: 50, districts: 1, faultRate: 0 })
    )
    expect(Either.getOrThrow(resolve({ precincts: 60 })).territories).toBe(3)
    expect(Either.getOrThrow(resolve({ system: "majoritarian", precincts: 12 })).districts).toBe(4)
    expect(Either.getOrThrow(resolve({ system: "majoritarian", precincts: 1_000_000 })).districts).toBe(50)
  })

  it("takes an integer seed as its decimal text", () => {
    expect(Either.getOrThrow(resolve({ seed: 42 })).seed).toBe("42")
  })

  it("refuses counts out of range and flags that do not apply, naming the flag", () => {
    const message = (o: Partial<Parameters<typeof resolveOptions>[0]>) => Either.match(resolve(o), { onLeft: (e) => e.message, onRight: () => "" })
    expect(message({ precincts: 0 })).toContain("--precincts")
    expect(message({ precincts: 2.5 })).toContain("--precincts")
    expect(message({ territories: 1001 })).toContain("--territories")
    expect(message({ precincts: 10, territories: 11 })).toContain("--territories")
    expect(message({ faultRate: 1.5 })).toContain("--fault-rate")
    expect(message({ faultRate: Number.NaN })).toContain("--fault-rate")
    expect(message({ districts: 3 })).toContain("--districts")
    expect(message({ system: "majoritarian", parties: 3 })).toContain("--parties")
    expect(message({ system: "majoritarian", districts: 1001, precincts: 1000 })).toContain("--districts")
    expect(message({ seed: "" })).toContain("--seed")
  })
})
