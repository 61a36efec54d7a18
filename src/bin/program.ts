/** The `kenesh` program, as the launcher (`./kenesh.ts`) starts it: the command line, and output to a reader that may stop early. */
import { main } from "../cli/main.js"

// A reader that stops early (`kenesh ... | head`) is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0)
  throw e
})

void main(process.argv)
