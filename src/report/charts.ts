/**
 * The charts of report.html and the live page as inline SVG, made here by hand (no library, nothing fetched):
 * votes against seats as bars, the seats of a city kenesh as a hemicycle, and the seats of an ayil kenesh per
 * district. Coordinates are computed in floating point and written with fixed decimals, so the same result
 * always gives the same bytes; nothing here decides anything.
 */
import { esc } from "./escape.js"

/** Colours of the lists in election order; chosen to stay apart in print and for colour-blind readers. */
export const palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"]

/** The colour of the i-th list of the election. */
export const colour = (i: number): string => palette[i % palette.length]

const f = (x: number) => x.toFixed(1)

/** Room for the labels left of the bars: about 7.5 px per character at 13 px, within bounds. */
const labelRoom = (labels: ReadonlyArray<string>): number => Math.round(Math.min(330, Math.max(90, 12 + 7.5 * Math.max(0, ...labels.map((l) => Math.min(l.length, labelChars))))))

/** The longest label a chart writes in full; longer ones are cut with an ellipsis (the tables give them whole). */
const labelChars = 42

/** One row of the votes-against-seats chart: a name, its share of votes and of seats in percent. */
export interface BarRow {
  readonly label: string
  /** Percentages as written ("32.97"), drawn to scale. */
  readonly votes: string
  readonly seats: string
  readonly colour: string
}

/** Votes against seats: per list, a light bar for its share of the votes and a dark one for its share of the seats. */
export const votesSeatsChart = (rows: ReadonlyArray<BarRow>, legend: { readonly votes: string; readonly seats: string }, title: string): string => {
  const left = labelRoom(rows.map((r) => r.label))
  const width = left + 500
  const barMax = width - left - 70
  const rowH = 34
  const top = 28
  const height = top + rows.length * rowH + 6
  const max = Math.max(1, ...rows.flatMap((r) => [Number(r.votes), Number(r.seats)]))
  const parts: Array<string> = []
  parts.push(`<rect x="${left}" y="6" width="12" height="10" fill="#999" fill-opacity="0.45"/><text x="${left + 16}" y="15" class="small">${esc(legend.votes)}</text>`)
  parts.push(`<rect x="${left + 220}" y="6" width="12" height="10" fill="#333"/><text x="${left + 236}" y="15" class="small">${esc(legend.seats)}</text>`)
  rows.forEach((r, i) => {
    const y = top + i * rowH
    const wv = (Number(r.votes) / max) * barMax
    const ws = (Number(r.seats) / max) * barMax
    parts.push(`<text x="${left - 8}" y="${y + 19}" text-anchor="end">${esc(clip(r.label, labelChars))}</text>`)
    parts.push(`<rect x="${left}" y="${y + 3}" width="${f(wv)}" height="12" fill="${r.colour}" fill-opacity="0.45"/>`)
    parts.push(`<text x="${f(left + wv + 4)}" y="${y + 13}" class="small">${esc(r.votes)}%</text>`)
    parts.push(`<rect x="${left}" y="${y + 16}" width="${f(ws)}" height="12" fill="${r.colour}"/>`)
    parts.push(`<text x="${f(left + ws + 4)}" y="${y + 26}" class="small">${esc(r.seats)}%</text>`)
  })
  return svg(width, height, title, parts)
}

/** A seat of a chart: its colour and what a reader hovering or reading the source sees. */
export interface SeatMark {
  readonly colour: string
  readonly label: string
}

/**
 * The seats as a hemicycle: rows of dots on half circles, filled from the left in the order given (the lists
 * in election order), with the number of seats in the middle.
 */
export const hemicycle = (seats: ReadonlyArray<SeatMark>, title: string): string => {
  const n = seats.length
  const width = 420
  const height = 230
  const cx = width / 2
  const cy = 212
  const outer = 195
  // One row up to a dozen seats; then rows enough to keep the dots apart.
  const rows = n <= 12 ? 1 : Math.min(8, Math.ceil(Math.sqrt(n / 4)))
  const inner = rows === 1 ? outer : outer * 0.45
  const radii = Array.from({ length: rows }, (_, r) => (rows === 1 ? outer : inner + ((outer - inner) * r) / (rows - 1)))
  const sum = radii.reduce((s, x) => s + x, 0)
  // Seats per row in proportion to the row's length; the rounding remainder goes to the outer rows.
  const perRow = radii.map((r) => Math.floor((n * r) / sum))
  for (let k = rows - 1, left = n - perRow.reduce((s, x) => s + x, 0); left > 0; k = k === 0 ? rows - 1 : k - 1, left--) perRow[k]++
  const spots: Array<{ angle: number; x: number; y: number }> = []
  radii.forEach((r, k) => {
    const m = perRow[k]
    for (let j = 0; j < m; j++) {
      const angle = m === 1 ? Math.PI / 2 : Math.PI - (Math.PI * j) / (m - 1)
      spots.push({ angle, x: cx + r * Math.cos(angle), y: cy - r * Math.sin(angle) })
    }
  })
  spots.sort((a, b) => b.angle - a.angle || a.y - b.y)
  // Dots as large as the gaps between rows and between neighbours on the outer row allow.
  const ring = rows === 1 ? Number.POSITIVE_INFINITY : ((outer - inner) / (rows - 1)) * 0.42
  const dot = Math.max(3, Math.min(11, ring, ((Math.PI * outer) / Math.max(1, perRow[rows - 1] - 1)) * 0.42))
  const parts = spots.map((s, i) => `<circle cx="${f(s.x)}" cy="${f(s.y)}" r="${f(dot)}" fill="${seats[i].colour}"><title>${esc(seats[i].label)}</title></circle>`)
  parts.push(`<text x="${cx}" y="${cy - 6}" text-anchor="middle" class="big">${n}</text>`)
  return svg(width, height, title, parts)
}

/** One district's seats for the overview: its name and, per seat, the colour and the elected candidate. */
export interface DistrictSeats {
  readonly label: string
  readonly seats: ReadonlyArray<SeatMark & { readonly name: string }>
}

/** The seats of an ayil kenesh per district: one row per district, one box per seat with the deputy's name. */
export const districtSeatsChart = (districts: ReadonlyArray<DistrictSeats>, title: string): string => {
  const left = labelRoom(districts.map((d) => d.label))
  const box = 150
  const width = left + 5 * (box + 6)
  const rowH = 30
  const perLine = Math.floor((width - left) / (box + 6))
  const lines = districts.map((d) => Math.max(1, Math.ceil(d.seats.length / perLine)))
  const height = lines.reduce((s, l) => s + l * rowH, 0) + 8
  const parts: Array<string> = []
  let y = 4
  districts.forEach((d, i) => {
    parts.push(`<text x="${left - 8}" y="${y + 19}" text-anchor="end">${esc(clip(d.label, labelChars))}</text>`)
    d.seats.forEach((s, j) => {
      const x = left + (j % perLine) * (box + 6)
      const yy = y + Math.floor(j / perLine) * rowH
      parts.push(`<rect x="${x}" y="${yy + 3}" width="${box}" height="${rowH - 6}" rx="3" fill="${s.colour}"><title>${esc(s.label)}</title></rect>`)
      parts.push(`<text x="${x + 6}" y="${yy + 19}" class="on">${esc(clip(s.name, 20))}</text>`)
    })
    y += lines[i] * rowH
  })
  return svg(width, height, title, parts)
}

/** One candidate's bar in a district chart. */
export interface VoteBar {
  readonly label: string
  readonly votes: number
  readonly shown: string
  readonly elected: boolean
  readonly colour: string
}

/** A district's candidates as bars of votes; the elected are solid, the others pale. */
export const districtVotesChart = (bars: ReadonlyArray<VoteBar>, title: string): string => {
  const left = labelRoom(bars.map((b) => b.label))
  const width = left + 400
  const barMax = width - left - 80
  const rowH = 22
  const height = bars.length * rowH + 8
  const max = Math.max(1, ...bars.map((b) => b.votes))
  const parts = bars.flatMap((b, i) => {
    const y = 4 + i * rowH
    const w = (b.votes / max) * barMax
    return [
      `<text x="${left - 8}" y="${y + 14}" text-anchor="end">${esc(clip(b.label, labelChars))}</text>`,
      `<rect x="${left}" y="${y + 3}" width="${f(w)}" height="14" fill="${b.colour}"${b.elected ? "" : ' fill-opacity="0.35"'}/>`,
      `<text x="${f(left + w + 4)}" y="${y + 14}" class="small">${esc(b.shown)}</text>`
    ]
  })
  return svg(width, height, title, parts)
}

/** Women and men as the district charts colour them. */
export const genderColour = { F: "#b5367a", M: "#2b6cb0", unknown: "#777777" } as const

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

const svg = (width: number, height: number, title: string, parts: ReadonlyArray<string>) =>
  `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg"><title>${esc(title)}</title>${parts.join("")}</svg>`
