/** Where a run's time goes: the main thread's stages one after another, and spans that ran beside them (worker threads). */
export interface Stages {
  /** Ends the current stage of the main thread under `name` (a name used again adds to its time). */
  readonly lap: (name: string) => void
  /** Records a span of `ms` that ran beside the main thread's stages (a worker's read), outside their sum. */
  readonly beside: (name: string, ms: number) => void
}

/** Stages that record nothing: the default of every run. */
export const noStages: Stages = { lap: () => {}, beside: () => {} }
