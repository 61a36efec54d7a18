/** Input files are read only when they are regular files within a size bound (issue 13); anything else is named. */
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { checkInputFile } from "../../src/ballot/input-file.js"
import { tempDir } from "./readers.js"

const why = (file: string, maxBytes?: number) => checkInputFile(file, file, "the protocols file", maxBytes)?.message ?? null

describe("checkInputFile", () => {
  it("a regular file passes", () => {
    const file = path.join(tempDir(), "p.csv")
    fs.writeFileSync(file, "x")
    expect(why(file)).toBe(null)
  })

  it("a folder, an empty path, a missing file, a path through a file", () => {
    const dir = tempDir()
    expect(why(dir)).toBe("cannot read the protocols file: it is a folder, not a file; name a file inside it")
    expect(why(".")).toBe("cannot read the protocols file: it is a folder, not a file; name a file inside it")
    expect(checkInputFile("", "", "the protocols file")).toEqual({ file: "(empty path)", line: 1, column: 1, message: "cannot read the protocols file: the path is empty" })
    expect(why(path.join(dir, "none.csv"))).toBe("cannot read the protocols file: there is no such file")
    fs.writeFileSync(path.join(dir, "f"), "x")
    expect(why(path.join(dir, "f", "g.csv"))).toBe("cannot read the protocols file: a part of the path is not a folder")
  })

  it("devices, /proc, a named pipe: never opened for reading", () => {
    expect(why("/dev/zero")).toBe("cannot read the protocols file: it is a device, not a regular file")
    expect(why("/dev/null")).toBe("cannot read the protocols file: it is a device, not a regular file")
    expect(why("/proc/self/mem")).toBe("cannot read the protocols file: it is a file of the operating system (/proc), not an input file")
    const fifo = path.join(tempDir(), "fifo")
    execFileSync("mkfifo", [fifo])
    expect(why(fifo)).toBe("cannot read the protocols file: it is a named pipe, not a regular file; save the data to a file first")
  })

  it("a file over the bound", () => {
    const file = path.join(tempDir(), "big.csv")
    fs.writeFileSync(file, Buffer.alloc(3 * 1024 * 1024))
    expect(why(file, 1024 * 1024)).toBe("cannot read the protocols file: it is 3 MiB, more than the 1 MiB an input file of this kind may have")
  })
})
