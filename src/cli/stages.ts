/**
 * `KENESH_STAGES=1`: one run's wall time stage by stage, on stderr after the output. Each main-thread stage is
 * the time since the previous one, from the process's start, so they add up to the total; lines marked
 * `(beside)` ran at the same time in worker threads and are not in the sum.
 */
import type { Stages } from "../tally/stages.js"

/** A line of the stage breakdown: `kenesh stage NAME: MS ms`, `kenesh stage NAME (beside): MS ms`, `kenesh stages total: MS ms`. */
export const stageLine = /^kenesh (?:stage (.+?)( \(beside\))?|stages (total)): ([0-9]+\.[0-9]) ms$/

/** A stage clock that prints its breakdown when `print` is called. */
export const stageClock = (): Stages & { readonly print: () => void } => {
  const laps = new Map<string, number>()
  const besides: Array<[string, number]> = []
  let last = 0
  return {
    lap: (name) => {
      const now = performance.now()
      laps.set(name, (laps.get(name) ?? 0) + now - last)
      last = now
    },
    beside: (name, ms) => besides.push([name, ms]),
    print: () => {
      const lines = [...laps].map(([name, ms]) => `kenesh stage ${name}: ${ms.toFixed(1)} ms`)
      for (const [name, ms] of besides) lines.push(`kenesh stage ${name} (beside): ${ms.toFixed(1)} ms`)
      lines.push(`kenesh stages total: ${last.toFixed(1)} ms`)
      process.stderr.write(lines.join("\n") + "\n")
    }
  }
}

/** The stage clock when `KENESH_STAGES=1`, else null. */
export const stagesFromEnv = (): ReturnType<typeof stageClock> | null => (process.env.KENESH_STAGES === "1" ? stageClock() : null)
