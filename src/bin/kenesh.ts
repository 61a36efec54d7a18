#!/usr/bin/env node
/** Entry point of the `kenesh` command. */
import { main } from "../cli/main.js"

void main(process.argv)
