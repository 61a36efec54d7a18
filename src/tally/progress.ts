/**
 * Progress of reading the protocols, shown on a terminal as one line: rows and percent of bytes, summed over
 * every thread that reads. Each thread writes its own slot of a shared board and, when the line is due, shows
 * the sum itself, straight to the terminal's file descriptor: a busy main thread does not hold it up.
 */
import * as fs from "node:fs"
import { grouped } from "../ballot/count-cell.js"

/** How often the line is shown at most (ms); a thread reports every few thousand rows, well within a second. */
const interval = 200

/** The progress line: rows read and the percent of all bytes. */
export const progressText = (rows: number, bytes: number, totalBytes: number): string =>
  `reading the protocols: ${grouped(rows)} rows, ${totalBytes > 0 ? Math.min(100, Math.floor((100 * bytes) / totalBytes)) : 100}%`

/** What a thread needs to share a board: its memory, the terminal's file descriptor and all the bytes to read. */
export interface BoardShare {
  readonly cells: SharedArrayBuffer
  readonly fd: number
  readonly totalBytes: number
}

/** A board of `slots` readers (one per thread) that all add up to one progress line. */
export class ProgressBoard {
  /** [when the line was last shown (Date.now(), shared by threads), then rows and bytes of each slot]. */
  private readonly cells: Float64Array

  private constructor(readonly share: BoardShare) {
    this.cells = new Float64Array(share.cells)
  }

  /** A new board for `slots` readers of `totalBytes`, shown on the terminal at `fd`. */
  static create(fd: number, totalBytes: number, slots: number): ProgressBoard {
    return new ProgressBoard({ cells: new SharedArrayBuffer(8 * (1 + 2 * slots)), fd, totalBytes })
  }

  /** The same board in another thread. */
  static join(share: BoardShare): ProgressBoard {
    return new ProgressBoard(share)
  }

  /** Records a slot's rows and bytes so far, and shows the line when it is due (or now, with `now`). */
  report(slot: number, rows: number, bytes: number, now = false): void {
    const c = this.cells
    c[1 + 2 * slot] = rows
    c[2 + 2 * slot] = bytes
    const time = Date.now()
    if (!now && time - c[0] < interval) return
    c[0] = time
    this.show()
  }

  /** The rows and bytes of every slot together. */
  sum(): { readonly rows: number; readonly bytes: number } {
    let rows = 0
    let bytes = 0
    for (let i = 1; i < this.cells.length; i += 2) {
      rows += this.cells[i]
      bytes += this.cells[i + 1]
    }
    return { rows, bytes }
  }

  private show(): void {
    const { rows, bytes } = this.sum()
    try {
      fs.writeSync(this.share.fd, `\r\x1b[K${progressText(rows, bytes, this.share.totalBytes)}`)
    } catch {
      // Progress is only shown; a terminal that does not take it changes nothing.
    }
  }
}
