/** Exit codes of SPEC §5 (and 3, outside SPEC: a bug of ours, an assertion that failed). */
export const ExitCode = { final: 0, notFinal: 1, unusable: 2, internal: 3 } as const
