#!/usr/bin/env node
/** Entry point of the `kenesh` command. */
import { main } from "../cli/main.js"

// A reader that stops early (`kenesh ... | head`) is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0)
  throw e
})

void main(process.argv)
