/** Formatting shared by the benchmarks: markdown tables and human-scaled numbers. */

/** A markdown table; columns after the first are right-aligned. */
export const markdownTable = (headers: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: ReadonlyArray<string>) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`
  const rule = `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|")}|`
  return [line(headers), rule, ...rows.map(line)].join("\n")
}

/** A number with three significant digits and thin grouping, e.g. 1 234 000 or 0.123. */
export const figure = (n: number): string =>
  n >= 1000 ? Math.round(Number(n.toPrecision(3))).toLocaleString("en-US").replace(/,/g, " ") : n.toPrecision(3)

/** A duration given in milliseconds, in the unit that suits it: 12.3 µs, 4.56 ms, 1.23 s. */
export const duration = (ms: number): string =>
  ms < 1 ? `${figure(ms * 1000)} µs` : ms < 1000 ? `${figure(ms)} ms` : `${figure(ms / 1000)} s`
