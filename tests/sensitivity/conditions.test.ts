import { describe, expect, it } from "vitest"
import { ballotsAlong, condition } from "../../src/sensitivity/conditions.js"

describe("ballotsAlong: how many ballots of one kind keep a linear condition", () => {
  it("strict: 10 - 3b > 0 holds up to 3 ballots, non-strict 9 - 3b >= 0 too", () => {
    expect(ballotsAlong(condition(10n, [-3n], true), [1])).toBe(3)
    expect(ballotsAlong(condition(9n, [-3n], true), [1])).toBe(2)
    expect(ballotsAlong(condition(9n, [-3n], false), [1])).toBe(3)
  })

  it("a condition that gains along the kind never fails; one that fails with no ballots gives -1", () => {
    expect(ballotsAlong(condition(1n, [2n, -5n], true), [1, 0])).toBe(Infinity)
    expect(ballotsAlong(condition(0n, [2n], true), [1])).toBe(-1)
    expect(ballotsAlong(condition(-1n, [2n], false), [1])).toBe(-1)
  })

  it("a ballot marking several candidates adds each one's coefficient", () => {
    expect(ballotsAlong(condition(10n, [-1n, -1n, 1n], true), [1, 1, 0])).toBe(4)
  })

  it("a guarded condition is only needed once its coordinate is positive: at zero it may be exactly 0", () => {
    // a list with no votes stays out of the distribution: 5 * participants - 100 * x > 0 wherever x > 0
    const out = condition(0n, [-95n, 5n], true, 0)
    expect(ballotsAlong(out, [0, 1])).toBe(Infinity)
    expect(ballotsAlong(out, [1, 0])).toBe(0)
    expect(ballotsAlong(condition(0n, [0n, 1n], true, 0), [1, 0])).toBe(0)
  })

  it("a bound past 2^53 is capped at the largest safe integer", () => {
    expect(ballotsAlong(condition(10n ** 30n, [-1n], false), [1])).toBe(Number.MAX_SAFE_INTEGER)
  })
})
