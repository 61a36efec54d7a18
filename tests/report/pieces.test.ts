/** A text in pieces: its fragments gathered into pieces of about a megabyte, made anew at each reading. */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { inPieces, pieceLength } from "../../src/report/pieces.js"
import { joined } from "./inputs.js"

describe("inPieces", () => {
  it("joined, the pieces are the fragments joined, in order, for any fragments", () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (fragments) => {
        expect(joined(inPieces(() => fragments))).toBe(fragments.join(""))
      })
    )
  })

  it("a piece ends at the first fragment that brings it to pieceLength; an empty text has no piece", () => {
    const fragments = Array.from({ length: 5 }, (_, i) => String(i).repeat(pieceLength / 2 + 1))
    const pieces = [...inPieces(() => fragments)]
    expect(pieces.map((p) => p.length)).toEqual([pieceLength + 2, pieceLength + 2, pieceLength / 2 + 1])
    expect([...inPieces(() => ["", ""])]).toEqual([])
  })

  it("each reading makes the fragments again, and only as far as it reads", () => {
    let made = 0
    const pieces = inPieces(function* () {
      for (let i = 0; i < 4; i++) {
        made++
        yield "x".repeat(pieceLength)
      }
    })
    const first = pieces[Symbol.iterator]().next()
    expect(first.value).toHaveLength(pieceLength)
    expect(made).toBe(1)
    expect([...pieces]).toHaveLength(4)
    expect([...pieces]).toHaveLength(4)
    expect(made).toBe(9)
  })
})
