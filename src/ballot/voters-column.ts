/**
 * A column of voters (the registry's, a tally's counted protocols'), as narrow as its numbers allow: 16-bit while
 * every one is below 65,536 (any precinct's), doubles from the first that is not. At ten million precincts, 2 bytes
 * a precinct instead of 8; on this machine memory is time (a page costs its fault).
 */
export type VotersColumn = Uint16Array<ArrayBuffer> | Float64Array<ArrayBuffer>

/** `column` when it can hold `voters`, else a copy as doubles (its length kept). */
export const holdingVoters = (column: VotersColumn, voters: number): VotersColumn =>
  voters > 0xffff && column instanceof Uint16Array ? Float64Array.from(column) : column

/** `column` when it can hold every number of `other`, else a copy as doubles. */
export const holdingColumn = (column: VotersColumn, other: VotersColumn): VotersColumn =>
  other instanceof Float64Array && column instanceof Uint16Array ? Float64Array.from(column) : column
