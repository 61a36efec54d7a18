/**
 * `kenesh submit --server URL [--token-file FILE] PROTOCOLS.csv...` (SPEC §2): sends protocol files to a
 * running `serve`. The files are decoded first with the same reader as `tally` (a bad file is refused before
 * anything is sent), then sent in requests of at most `batchRows` rows, each a slice of the file's own text
 * under its header. A dropped connection is retried: a resubmission is idempotent by content, so a request
 * that was stored before the connection dropped comes back as "already there".
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as fs from "node:fs"
import * as http from "node:http"
import * as https from "node:https"
import { decodeElection } from "../ballot/election.js"
import { InputError, UsageError, type Problem } from "../ballot/problem.js"
import { readProtocolsFast } from "../ballot/protocol-scan.js"
import type { Finding } from "../reconciliation/finding.js"
import { readToken } from "../serve/token.js"
import type { SubmitFlags } from "./commands.js"
import { printOut, resolveFormat, setExitCode, toJson } from "./common.js"
import { ExitCode } from "./exit-code.js"

/** Rows per request: small enough to answer quickly, large enough that a whole country takes a few requests. */
export const batchRows = 1000

/** One HTTP answer. */
interface Reply {
  readonly status: number
  readonly body: string
}

/** A connection that failed before an answer came (worth retrying), as opposed to an answer. */
class Unreachable extends Error {}

const request = (url: URL, method: string, headers: Record<string, string>, body: Uint8Array | null): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const lib = url.protocol === "https:" ? https : http
    const req = lib.request(url, { method, headers: { ...headers, ...(body !== null ? { "content-length": String(body.length) } : {}) }, timeout: 60000 }, (res) => {
      const chunks: Array<Buffer> = []
      res.on("data", (c: Buffer) => chunks.push(c))
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }))
      res.on("error", (e) => reject(new Unreachable(e.message)))
    })
    req.on("timeout", () => req.destroy(new Error("no answer within 60 s")))
    req.on("error", (e: NodeJS.ErrnoException) => reject(new Unreachable(e.code ?? e.message)))
    req.end(body ?? undefined)
  })

/** Sends a request, retrying a dropped or refused connection with growing pauses (about 8 s in all: a restart of the service). */
const withRetries = async (url: URL, method: string, headers: Record<string, string>, body: Uint8Array | null): Promise<Reply> => {
  let wait = 100
  for (let attempt = 1; ; attempt++) {
    try {
      return await request(url, method, headers, body)
    } catch (e) {
      if (!(e instanceof Unreachable) || attempt === 8) throw e
      await new Promise((r) => setTimeout(r, wait))
      wait = Math.min(wait * 2, 2000)
    }
  }
}

/** The line breaks (LF) in some bytes. */
const lineBreaks = (b: Uint8Array): number => {
  let n = 0
  for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) n++
  return n
}

/** A protocol of a file: where it is and who it is. */
interface FileRow {
  readonly precinct: string
  readonly source: string
  readonly version: number
  readonly line: number
  readonly offset: number
}

/** What the server said of one protocol, with its place in the file. */
interface Outcome {
  readonly file: string
  readonly line: number
  readonly precinct: string
  readonly source: string
  readonly version: number
  readonly message?: string
}

/** `kenesh submit`: exit 0 when every row was stored or already there, 1 when the server refused some, 2 when the files, the token or the server are unusable. */
export const runSubmit = ({ server, tokenFile, format, files }: SubmitFlags) =>
  Effect.gen(function* () {
    let base: URL
    try {
      base = new URL(server)
      if (base.protocol !== "http:" && base.protocol !== "https:") throw new Error("not http")
    } catch {
      return yield* Effect.fail(new UsageError({ message: `--server must be an http:// or https:// URL, got "${server}"` }))
    }
    let token: string
    if (Option.isSome(tokenFile)) {
      const read = readToken(tokenFile.value)
      if ("error" in read) return yield* Effect.fail(new UsageError({ message: `--token-file: ${read.error}` }))
      token = read.token
    } else if ((process.env.KENESH_TOKEN ?? "") !== "") token = process.env.KENESH_TOKEN!
    else return yield* Effect.fail(new UsageError({ message: "no token: give --token-file FILE (the service prints where its token is) or set KENESH_TOKEN" }))

    const unreachable = (e: unknown) => new UsageError({ message: `cannot reach ${base.origin}: ${(e as Error).message}` })
    const electionReply = yield* Effect.tryPromise({ try: () => withRetries(new URL("/api/election", base), "GET", {}, null), catch: unreachable })
    if (electionReply.status !== 200) return yield* Effect.fail(new UsageError({ message: `${base.origin} is not a kenesh service (GET /api/election answered ${electionReply.status})` }))
    const election = decodeElection(`${base.origin}/api/election`, electionReply.body, { registry: false })
    if (Either.isLeft(election)) return yield* Effect.fail(new UsageError({ message: `the election ${base.origin} serves cannot be read: ${election.left.problems[0].message}` }))
    const layout = election.right.layout

    // Every file is decoded before anything is sent.
    const given = [...new Set(files)]
    const decoded: Array<{ file: string; bytes: Buffer; rows: Array<FileRow> }> = []
    const problems: Array<Problem> = []
    let more = 0
    for (const [i, file] of given.entries()) {
      let bytes: Buffer
      try {
        bytes = fs.readFileSync(file)
      } catch (e) {
        problems.push({ file, line: 1, column: 1, message: `cannot read the protocols file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` })
        continue
      }
      const rows: Array<FileRow> = []
      const report = readProtocolsFast(file, {
        name: file,
        fileIndex: i,
        layout,
        sink: { row: (r) => rows.push({ precinct: r.precinct, source: r.source, version: r.version, line: r.line, offset: r.offset }) }
      })
      problems.push(...report.problems)
      more += report.moreProblems
      if (report.problems.length === 0 && rows.length === 0) problems.push({ file, line: 1, column: 1, message: "the file holds no protocol" })
      decoded.push({ file, bytes, rows })
    }
    if (problems.length > 0) return yield* Effect.fail(new InputError({ problems, more }))

    const stored: Array<Outcome> = []
    const unchanged: Array<Outcome> = []
    const refused: Array<Outcome> = []
    const findings: Array<Finding> = []
    const headers = { authorization: `Bearer ${token}`, "content-type": "text/csv; charset=utf-8" }
    for (const { file, bytes, rows } of decoded) {
      const header = bytes.subarray(0, rows[0].offset)
      const slice = (i: number) => bytes.subarray(rows[i].offset, i + 1 < rows.length ? rows[i + 1].offset : bytes.length)
      for (let from = 0; from < rows.length; from += batchRows) {
        // A refused batch changes nothing; its conflicting rows are dropped and the rest sent again.
        let batch = Array.from({ length: Math.min(rows.length, from + batchRows) - from }, (_, k) => from + k)
        while (batch.length > 0) {
          const body = Buffer.concat([header, ...batch.map(slice)])
          const startsAt = new Map<number, number>()
          let line = lineBreaks(header) + 1
          for (const i of batch) {
            startsAt.set(line, i)
            line += lineBreaks(slice(i))
          }
          const reply = yield* Effect.tryPromise({ try: () => withRetries(new URL("/api/protocols", base), "POST", headers, body), catch: unreachable })
          const answer = (() => {
            try {
              return JSON.parse(reply.body) as Record<string, unknown>
            } catch {
              return {}
            }
          })()
          /** The row of the batch that starts on line `l` of the body. */
          const rowAt = (l: number): number | undefined => startsAt.get(l)
          type Id = { precinct: string; source: string; version: number; line: number; message?: string }
          const place = (p: Id): Outcome => {
            const i = rowAt(p.line)
            return { file, line: i === undefined ? p.line : rows[i].line, precinct: p.precinct, source: p.source, version: p.version, ...(p.message !== undefined ? { message: p.message } : {}) }
          }
          if (reply.status === 200) {
            stored.push(...(answer.stored as Array<Id>).map(place))
            unchanged.push(...(answer.unchanged as Array<Id>).map(place))
            findings.push(...(answer.findings as Array<Finding>))
            break
          } else if (reply.status === 409 && Array.isArray(answer.conflicts)) {
            const conflicts = (answer.conflicts as Array<Id>).map((c) => ({ c, i: rowAt(c.line) }))
            refused.push(...conflicts.map(({ c }) => place(c)))
            const drop = new Set(conflicts.map(({ i }) => i))
            if (drop.has(undefined)) break
            batch = batch.filter((i) => !drop.has(i))
          } else if (reply.status === 400 && Array.isArray(answer.problems)) {
            for (const p of answer.problems as Array<{ line: number; column: number; message: string }>) {
              const i = rowAt(p.line)
              refused.push({ file, line: i === undefined ? 1 : rows[i].line, precinct: i === undefined ? "" : rows[i].precinct, source: i === undefined ? "" : rows[i].source, version: i === undefined ? 0 : rows[i].version, message: p.message })
            }
            break
          } else if (reply.status === 401)
            return yield* Effect.fail(new UsageError({ message: `${base.origin} refused the token${Option.isSome(tokenFile) ? ` in ${tokenFile.value}` : ""}: ${String(answer.error ?? "401")}` }))
          else return yield* Effect.fail(new UsageError({ message: `${base.origin} answered ${reply.status}: ${String(answer.error ?? reply.body.slice(0, 200))}` }))
        }
      }
    }

    const fmt = resolveFormat(format)
    if (fmt === "json") yield* printOut(toJson({ server: base.origin, stored, unchanged, refused, findings }))
    else {
      const lines: Array<string> = []
      const id = (o: Outcome) => `${o.file}:${o.line}: precinct ${o.precinct} ${o.source} v${o.version}`
      for (const o of stored) lines.push(`stored     ${id(o)}`)
      for (const o of unchanged) lines.push(`unchanged  ${id(o)} (already there)`)
      for (const o of refused) lines.push(o.precinct === "" ? `refused    ${o.file}:${o.line}: ${o.message ?? ""}` : `refused    ${id(o)}: ${o.message ?? ""}`)
      for (const f of findings) lines.push(`finding    ${f.severity} ${f.code} precinct ${f.precinct ?? "-"}: ${f.message}`)
      lines.push(`${stored.length} stored, ${unchanged.length} already there, ${refused.length} refused`)
      yield* printOut(fmt === "csv" ? ["outcome,file,line,precinct,source,version,message", ...[...stored.map((o) => ["stored", o] as const), ...unchanged.map((o) => ["unchanged", o] as const), ...refused.map((o) => ["refused", o] as const)].map(([w, o]) => [w, o.file, o.line, o.precinct, o.source, o.version, o.message ?? ""].map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(","))].join("\n") : lines.join("\n"))
    }
    yield* setExitCode(refused.length === 0 ? ExitCode.final : ExitCode.notFinal)
  })
