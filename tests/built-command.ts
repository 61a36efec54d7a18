/** The built `kenesh` command for tests that run it as a user does: `npm test` builds it first. */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { beforeAll } from "vitest"

/** The repository root. */
export const root = path.resolve(import.meta.dirname, "..")
/** The built command's entry point. */
export const bin = path.join(root, "dist/src/bin/kenesh.js")

/** The newest modification time of the files under `dir`. */
const newest = (dir: string): number =>
  fs.readdirSync(dir, { withFileTypes: true }).reduce((m, d) => Math.max(m, d.isDirectory() ? newest(path.join(dir, d.name)) : fs.statSync(path.join(dir, d.name)).mtimeMs), 0)

/** Registers a `beforeAll` that rebuilds the bundle when the sources are newer (a test file run alone). */
export const useBuiltCommand = (): void =>
  beforeAll(() => {
    if (!fs.existsSync(bin) || fs.statSync(bin).mtimeMs < newest(path.join(root, "src"))) {
      const build = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: root, encoding: "utf8" })
      if (build.status !== 0) throw new Error(build.stderr)
    }
  }, 60_000)
