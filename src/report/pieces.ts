/**
 * Text in pieces: an output too long to be one string (a result with a million findings makes hundreds of
 * megabytes of report.html, result.json or findings.csv, near V8's longest string of 2^29 characters) is made
 * as many small fragments, gathered into pieces of about a megabyte, and written piece by piece.
 */

/** A text as the sequence of its pieces: the text is their concatenation, in order; it can be read again. */
export type Pieces = Iterable<string>

/** About how many characters a piece holds (a piece ends at the first fragment that reaches it). */
export const pieceLength = 1 << 20

/**
 * The fragments that `make` yields, gathered into pieces of about `pieceLength` characters; each reading of
 * the result runs `make` again, so nothing longer than a piece is kept between two pieces.
 * @example [...inPieces(function* () { yield "a"; yield "b" })] // ["ab"]
 */
export const inPieces = (make: () => Iterable<string>): Pieces => ({
  *[Symbol.iterator]() {
    let parts: Array<string> = []
    let length = 0
    for (const fragment of make()) {
      parts.push(fragment)
      length += fragment.length
      if (length >= pieceLength) {
        yield parts.join("")
        parts = []
        length = 0
      }
    }
    if (length > 0) yield parts.join("")
  }
})
