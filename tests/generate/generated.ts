/** Test helper: generates elections into fresh temporary directories, removed when the test file is done. */
import { Either } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll } from "vitest"
import { generate, type GenerateSummary } from "../../src/generate/generate.js"
import { type GenerateOptions, resolveOptions } from "../../src/generate/options.js"

const root = fs.mkdtempSync(path.join(os.tmpdir(), "kenesh-generate-"))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

/** Generates with `options` (out is chosen here) and returns the directory and the summary. */
export const generateInto = (options: Omit<GenerateOptions, "out">): { dir: string; summary: GenerateSummary } => {
  const dir = fs.mkdtempSync(path.join(root, "election-"))
  const resolved = resolveOptions({ ...options, out: dir })
  if (Either.isLeft(resolved)) throw new Error(resolved.left.message)
  return { dir, summary: generate(resolved.right) }
}

/** The bytes of a generated file. */
export const bytes = (dir: string, name: string): Buffer => fs.readFileSync(path.join(dir, name))
