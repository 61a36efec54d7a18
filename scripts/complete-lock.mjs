// Completes package-lock.json with the optional packages of other platforms that this machine's npm
// registry mirror does not hold (e.g. rollup's darwin and win32 binaries). `npm install` leaves them out
// when it cannot fetch them, and `npm ci` then refuses the lock file as out of sync. Each is added as an
// optional package for its own platform, so npm ci skips it here without fetching it.
// Run after every `npm install`: node scripts/complete-lock.mjs
import { readFileSync, writeFileSync } from "node:fs"

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"))
const packages = lock.packages

/** The platform a prebuilt-binary package is for, from its name (e.g. rollup-linux-arm64-musl). */
const platformOf = (name) => {
  const m = /-(android|darwin|freebsd|linux|openbsd|openharmony|win32)-(arm64|arm|x64|ia32|loong64|ppc64|riscv64|s390x)(?:-(gnueabihf|musleabihf|gnu|musl|msvc|eabi))?$/.exec(name)
  if (m === null) return null
  const [, os, cpu, abi] = m
  return { os: [os], cpu: [cpu], ...(abi?.startsWith("musl") ? { libc: ["musl"] } : abi?.startsWith("gnu") && os === "linux" ? { libc: ["glibc"] } : {}) }
}

let added = 0
for (const [where, pkg] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`
    const platform = platformOf(name)
    if (packages[key] !== undefined || platform === null) continue
    packages[key] = { version: version.replace(/^[\^~]/, ""), ...(pkg.dev ? { dev: true } : {}), license: pkg.license ?? "MIT", optional: true, ...platform }
    added++
    void where
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0)))
writeFileSync("package-lock.json", JSON.stringify(lock, null, 2) + "\n")
console.log(`package-lock.json: ${added} optional packages of other platforms added`)
