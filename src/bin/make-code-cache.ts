/**
 * A build step (scripts/build.mjs), not part of the command: makes the program bundle's code cache. It compiles
 * the bundle as the launcher does, runs it on the arguments given (a typical command, so that the functions a run
 * calls are in the cache too), and writes the cache when the process ends; it exits 0 when the cache is written.
 */
import { compileProgram, programFiles, startProgram, writeCache } from "./code-cache.js"

const files = programFiles(import.meta.dirname)
const program = compileProgram(files, false)
process.on("exit", () => {
  writeCache(program, files)
  process.exitCode = 0
})
startProgram(program, files)
