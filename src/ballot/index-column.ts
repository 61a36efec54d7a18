/**
 * A column of indices into a short list of names (territories, districts), as narrow as the list allows: bytes
 * while it has at most 256 names, 16-bit numbers up to 65,536, 32-bit after. At ten million precincts a byte a
 * precinct instead of four is 30 MB less, and on this machine memory is time (a page costs its fault).
 */
export type IndexColumn = Uint8Array<ArrayBuffer> | Uint16Array<ArrayBuffer> | Int32Array<ArrayBuffer>

/** The most names a column of this kind can index. */
const namesHeld = (column: IndexColumn): number => (column instanceof Uint8Array ? 256 : column instanceof Uint16Array ? 65536 : 2 ** 31)

/** `column` when it can index a list of `names` names, else a copy of the next kind wide enough (its length kept). */
export const indexing = (column: IndexColumn, names: number): IndexColumn => {
  if (names <= namesHeld(column)) return column
  const wider = names <= 65536 ? new Uint16Array(column.length) : new Int32Array(column.length)
  wider.set(column)
  return wider
}
