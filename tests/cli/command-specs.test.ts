/**
 * `route()` reads argv, and `--help` describes the commands, from src/cli/command-specs.ts: the commands' flags
 * and arguments as data, so that neither loads @effect/cli. The build writes that file from the definitions; here
 * it must be exactly what the definitions give, so that the first reading of argv, the help and @effect/cli's own
 * parsing never differ.
 */
import { describe, expect, it } from "vitest"
import { commandSpec } from "../../src/cli/command-spec.js"
import { commandSpecs } from "../../src/cli/command-specs.js"
import { allocateCommand, commands, generateCommand, serveCommand, submitCommand, tallyCommand, validateCommand } from "../../src/cli/commands.js"

describe("the commands' flags as data", () => {
  it("are every definition's flags and arguments, read from it, in the order of the overview", () => {
    const fromDefinitions = [validateCommand, tallyCommand, allocateCommand, generateCommand, serveCommand, submitCommand]
    expect(fromDefinitions).toEqual([...commands])
    expect(commandSpecs).toEqual([
      commandSpec(validateCommand),
      commandSpec(tallyCommand),
      commandSpec(allocateCommand),
      commandSpec(generateCommand),
      commandSpec(serveCommand),
      commandSpec(submitCommand)
    ])
  })
})
