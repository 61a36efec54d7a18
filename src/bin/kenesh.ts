#!/usr/bin/env node
/** Entry point of the `kenesh` command: starts the program bundle from its code cache (`./code-cache.ts`). */
import { compileProgram, programFiles, startProgram } from "./code-cache.js"

const files = programFiles(import.meta.dirname)
startProgram(compileProgram(files, true), files)
