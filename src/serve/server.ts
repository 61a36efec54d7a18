/**
 * `kenesh serve` (SPEC §6): the election-night service on node:http. Writes need the bearer token, are
 * committed to the store before they are acknowledged, and update the live tally; reads are open and answer
 * from the tally as computed after the last change; Server-Sent Events announce every change. The long answers
 * (the live page, the result, the export) are sent in pieces, each once the socket has taken the one before.
 */
import { createHash } from "node:crypto"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import type { Annulment, AuditEntry, StoredLot, Store, Writes } from "../store/store.js"
import type { Finding } from "../reconciliation/finding.js"
import type { Pieces } from "../report/pieces.js"
import { LiveTally } from "./live-tally.js"
import { livePage, renderLiveBody, type Lang } from "./live-page.js"
import { decodeProtocolsBody, intake } from "./protocols-body.js"
import { authorized, presentedToken, tokenIdentity } from "./token.js"

/** The largest request body accepted (SPEC §6: 413 above it). */
export const bodyLimit = 16 * 1024 * 1024

/** A 200 answer to protocols that waits for the findings of its precincts, found once for every write committed with it. */
interface Pending {
  readonly touched: ReadonlySet<string>
  readonly answer: (findings: ReadonlyArray<Finding>) => Answer
}

/** What the service needs: the store, the tally built from it, the token and the page's language. */
export interface ServiceOptions {
  readonly store: Store
  readonly live: LiveTally
  readonly token: string
  readonly lang: Lang
}

/** An answer: status, JSON value or text, and its content type. */
interface Answer {
  readonly status: number
  readonly body: string
  readonly type: string
  readonly headers?: Record<string, string>
}

const json = (status: number, value: unknown, headers?: Record<string, string>): Answer => ({
  status,
  body: JSON.stringify(value, null, 2) + "\n",
  type: "application/json; charset=utf-8",
  ...(headers !== undefined ? { headers } : {})
})
const error = (status: number, message: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>): Answer =>
  json(status, { error: message, ...extra }, headers)

/** The routes: for each path, the methods it answers. */
const routes = new Map<string, ReadonlyArray<string>>([
  ["/", ["GET"]],
  ["/api/result", ["GET"]],
  ["/api/protocols.csv", ["GET"]],
  ["/api/status", ["GET"]],
  ["/api/events", ["GET"]],
  ["/api/audit", ["GET"]],
  ["/api/election", ["GET"]],
  ["/api/protocols", ["POST"]],
  ["/api/annulled", ["POST"]],
  ["/api/lots", ["POST"]]
])

/** The content type each write takes. */
const writeTypes = new Map([
  ["/api/protocols", "text/csv"],
  ["/api/annulled", "application/json"],
  ["/api/lots", "application/json"]
])

/**
 * A body read in full, or the sign that it was over the limit. A body declared over the limit is read to its end
 * and dropped before the answer (up to 4 times the limit), so that the client, still sending, gets its 413
 * rather than a connection closed under it; beyond that it is answered at once.
 */
const readBody = (req: http.IncomingMessage): Promise<Buffer | null> =>
  new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? "0")
    if (declared > bodyLimit) {
      req.resume()
      if (declared > 4 * bodyLimit) return resolve(null)
      req.on("end", () => resolve(null))
      req.on("error", reject)
      return
    }
    const chunks: Array<Buffer> = []
    let size = 0
    let over = false
    req.on("data", (c: Buffer) => {
      size += c.length
      if (size > bodyLimit) over = true
      if (!over) chunks.push(c)
    })
    req.on("end", () => resolve(over ? null : Buffer.concat(chunks)))
    req.on("error", reject)
  })

/**
 * Writes a piece of an answer and waits until the socket can take more ('drain'), so that no more than about a
 * piece waits in memory however slowly the client reads; false once the client has gone.
 */
const written = (res: http.ServerResponse, piece: string | Uint8Array): Promise<boolean> =>
  new Promise((resolve) => {
    if (res.destroyed) return resolve(false)
    if (res.write(piece)) return resolve(true)
    const done = (ok: boolean) => () => {
      res.off("drain", drained)
      res.off("close", closed)
      resolve(ok)
    }
    const drained = done(true)
    const closed = done(false)
    res.on("drain", drained)
    res.on("close", closed)
  })

/** Whether a value is an array of non-empty strings. */
const isIds = (v: unknown): v is Array<string> => Array.isArray(v) && v.every((x) => typeof x === "string" && x !== "")

/** The election-night service: a request handler over the store and the live tally. */
export class Service {
  private seq: number
  private live: LiveTally
  private queue: Array<{ readonly job: () => Answer | Pending; readonly resolve: (a: Answer) => void }> = []
  private readonly events = new Set<http.ServerResponse>()
  private readonly server: http.Server
  private readonly heartbeat: NodeJS.Timeout

  constructor(private readonly options: ServiceOptions) {
    this.seq = options.store.seq()
    this.live = options.live
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        const cut = res.headersSent ? " (the answer was cut off: its connection is closed)" : ""
        process.stderr.write(`kenesh serve: internal error on ${req.method} ${req.url}${cut}: ${e instanceof Error ? e.message : String(e)}\n`)
        // After the headers, only a closed connection tells the client that the answer is not whole.
        if (!res.headersSent) this.send(res, error(500, "internal error; the request may not have been stored"))
        else res.destroy()
      })
    })
    this.heartbeat = setInterval(() => {
      for (const r of this.events) r.write(": alive\n\n")
    }, 15000)
    this.heartbeat.unref()
  }

  /** Starts listening; resolves with the URL once requests are accepted. */
  listen(host: string, port: number): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject)
      this.server.listen(port, host, () => {
        this.server.off("error", reject)
        const address = this.server.address() as AddressInfo
        const shown = address.family === "IPv6" ? `[${address.address}]` : address.address
        resolve(`http://${shown}:${address.port}`)
      })
    })
  }

  /** Stops accepting requests, ends the event streams and closes the store. */
  close(): Promise<void> {
    clearInterval(this.heartbeat)
    for (const r of this.events) r.end()
    this.events.clear()
    return new Promise((resolve) => {
      this.server.close(() => {
        this.options.store.close()
        resolve()
      })
      this.server.closeAllConnections()
    })
  }

  private send(res: http.ServerResponse, a: Answer): void {
    res.writeHead(a.status, { "content-type": a.type, "cache-control": "no-store", "content-length": Buffer.byteLength(a.body), ...a.headers })
    res.end(a.body)
  }

  /**
   * Sends 200 with a text in pieces made as they are sent. The first two pieces are made before the headers: a
   * text of one piece goes as `send` sends it (with its Content-Length), and a failure there is still a 500.
   * A longer text goes chunked, each piece made only once the socket has taken the one before; a failure
   * after the headers is thrown on, and the connection is closed.
   */
  private async sendPieces(req: http.IncomingMessage, res: http.ServerResponse, type: string, pieces: Pieces): Promise<void> {
    const making = pieces[Symbol.iterator]()
    const first = making.next()
    const second = first.done === true ? first : making.next()
    if (second.done === true) return this.send(res, { status: 200, body: first.done === true ? "" : first.value, type })
    res.writeHead(200, { "content-type": type, "cache-control": "no-store" })
    if (req.method === "HEAD") return void res.end()
    if (!(await written(res, first.value))) return
    for (let next: IteratorResult<string> = second; next.done !== true; next = making.next()) if (!(await written(res, next.value))) return
    res.end()
  }

  /** Sends 200 with bytes already made, in pieces, with their Content-Length, each once the socket has taken the one before. */
  private async sendBytes(req: http.IncomingMessage, res: http.ServerResponse, type: string, pieces: ReadonlyArray<Uint8Array>): Promise<void> {
    res.writeHead(200, { "content-type": type, "cache-control": "no-store", "content-length": pieces.reduce((n, p) => n + p.length, 0) })
    if (req.method !== "HEAD") for (const piece of pieces) if (!(await written(res, piece))) return
    res.end()
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost")
    const methods = routes.get(url.pathname)
    // HEAD is GET without the body (node sends no body for it).
    const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET")
    if (methods === undefined) {
      req.resume()
      return this.send(res, error(404, `no such path: ${url.pathname}`))
    }
    if (!methods.includes(method)) {
      req.resume()
      return this.send(res, error(405, `${method} is not allowed on ${url.pathname}; use ${methods.join(" or ")}`, {}, { allow: methods.join(", ") }))
    }
    if (method === "GET") return this.read(url, req, res)
    return this.send(res, await this.write(url.pathname, req))
  }

  private read(url: URL, req: http.IncomingMessage, res: http.ServerResponse): void | Promise<void> {
    const { live } = this
    const { store } = this.options
    switch (url.pathname) {
      case "/": {
        const lang = this.langOf(url)
        const status = live.status(this.seq)
        const page = url.searchParams.get("part") === "body" ? renderLiveBody(live.election, live.result(), status, lang) : livePage(live.election, live.result(), status, lang)
        return this.sendPieces(req, res, "text/html; charset=utf-8", page)
      }
      case "/api/result":
        return this.sendBytes(req, res, "application/json; charset=utf-8", live.resultJson())
      case "/api/protocols.csv":
        return this.sendPieces(req, res, "text/csv; charset=utf-8", live.protocolsCsv())
      case "/api/status":
        return this.send(res, json(200, live.status(this.seq)))
      case "/api/audit":
        return this.send(res, json(200, store.audit()))
      case "/api/election":
        return this.send(res, { status: 200, body: store.election.text, type: "application/json; charset=utf-8" })
      case "/api/events": {
        if (req.method === "HEAD") return this.send(res, { status: 200, body: "", type: "text/event-stream; charset=utf-8" })
        res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive" })
        res.write(`retry: 1000\n: seq ${this.seq}\n\n`)
        this.events.add(res)
        req.on("close", () => this.events.delete(res))
        return
      }
    }
  }

  private langOf(url: URL): Lang {
    const asked = url.searchParams.get("lang")
    return asked === "en" || asked === "ru" || asked === "ky" ? asked : this.options.lang
  }

  /** Records a request in the audit log (with its writes, if it changes the store) and announces the change. */
  private record(req: http.IncomingMessage, action: string, sha256: string | null, outcome: string, status: number, precincts: ReadonlyArray<string>, writes: Writes | null): void {
    const token = presentedToken(req.headers.authorization)
    const entry: Omit<AuditEntry, "seq"> = {
      time: new Date().toISOString(),
      action,
      token: token === null ? null : tokenIdentity(token),
      sha256,
      outcome,
      status,
      precincts
    }
    this.options.store.record(entry, writes === null ? null : this.seq + 1, writes ?? {})
  }

  /** Counts a change; its event is sent once the change is committed. */
  private changed(): void {
    this.seq++
  }

  /** Reads a write request and has it committed with the others of its turn. */
  private async write(path: string, req: http.IncomingMessage): Promise<Answer> {
    const action = path.slice("/api/".length)
    if (!authorized(req.headers.authorization, this.options.token)) {
      req.resume()
      return this.commit(() => {
        this.record(req, action, null, "unauthorized", 401, [], null)
        return error(401, "a write needs the header Authorization: Bearer TOKEN with the service's token", {}, { "www-authenticate": "Bearer" })
      })
    }
    const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase()
    const wanted = writeTypes.get(path)!
    if (type !== wanted) {
      req.resume()
      return this.commit(() => {
        this.record(req, action, null, "wrong-type", 415, [], null)
        return error(415, `${path} takes ${wanted}, not ${type === "" ? "a body without Content-Type" : type}`)
      })
    }
    const body = await readBody(req)
    if (body === null)
      return this.commit(() => {
        this.record(req, action, null, "too-large", 413, [], null)
        return error(413, `the body is over ${bodyLimit / 1024 / 1024} MiB; send the protocols in smaller requests`, {}, { connection: "close" })
      })
    const sha256 = createHash("sha256").update(body).digest("hex")
    if (path === "/api/protocols") return this.commit(() => this.protocols(req, body, sha256))
    let value: unknown
    try {
      value = JSON.parse(body.toString("utf8"))
    } catch (e) {
      return this.commit(() => {
        this.record(req, action, sha256, "problems", 400, [], null)
        return error(400, `the body is not JSON: ${(e as Error).message}`)
      })
    }
    return this.commit(() => (path === "/api/annulled" ? this.annulled(req, value, sha256) : this.lots(req, value, sha256)))
  }

  /**
   * Runs a write with every other write ready in the same turn, in one transaction (group commit: one sync
   * to disk for all of them), and answers each only after the commit. Each request stays whole: it is in
   * the transaction entirely or not at all, and a refused one writes only its audit row.
   */
  private commit(job: () => Answer | Pending): Promise<Answer> {
    return new Promise((resolve) => {
      this.queue.push({ job, resolve })
      if (this.queue.length === 1) setImmediate(() => this.flush())
    })
  }

  private flush(): void {
    const batch = this.queue
    this.queue = []
    const before = this.seq
    let answers: Array<Answer>
    try {
      const done = this.options.store.group(() => batch.map((b) => b.job()))
      const touched = new Set<string>()
      for (const d of done) if ("touched" in d) for (const p of d.touched) touched.add(p)
      const findings = touched.size === 0 ? [] : this.live.findingsOf(touched)
      answers = done.map((d) => ("touched" in d ? d.answer(d.touched.size === 0 ? [] : findings.filter((f) => d.touched.has(f.precinct!))) : d))
    } catch (e) {
      // Nothing of the group was stored: the tally is rebuilt from what the store holds.
      process.stderr.write(`kenesh serve: cannot write to the store: ${e instanceof Error ? e.message : String(e)}\n`)
      const { store } = this.options
      this.live = new LiveTally(this.live.election, store.protocols(), store.annulments(), store.lots())
      this.seq = before
      answers = batch.map(() => error(500, "the store could not be written; nothing of this request was stored"))
    }
    for (let seq = before + 1; seq <= this.seq; seq++) {
      const event = `event: change\ndata: ${JSON.stringify({ seq })}\n\n`
      for (const r of this.events) r.write(event)
    }
    batch.forEach((b, i) => b.resolve(answers[i]))
  }

  private protocols(req: http.IncomingMessage, body: Buffer, sha256: string): Answer | Pending {
    const { live } = this
    const decoded = decodeProtocolsBody(live.election, body)
    const precincts = [...new Set(decoded.rows.map((r) => r.protocol.precinct))].sort()
    if (decoded.problems.length > 0) {
      this.record(req, "protocols", sha256, "problems", 400, precincts, null)
      return error(400, "the body is not a usable protocols file; nothing was stored", { problems: decoded.problems })
    }
    const sorted = intake(live, decoded.rows)
    if (sorted.conflicts.length > 0) {
      this.record(req, "protocols", sha256, "conflicts", 409, precincts, null)
      return error(409, "some protocols are stored with other counts; nothing was stored", { conflicts: sorted.conflicts })
    }
    const identity = (r: { protocol: { precinct: string; source: string; version: number }; line: number }) => ({
      precinct: r.protocol.precinct,
      source: r.protocol.source,
      version: r.protocol.version,
      line: r.line
    })
    if (sorted.stored.length === 0) this.record(req, "protocols", sha256, "unchanged", 200, precincts, null)
    else {
      const protocols = sorted.stored.map((r) => r.protocol)
      this.record(req, "protocols", sha256, "stored", 200, precincts, { protocols })
      live.add(protocols)
      this.changed()
    }
    return {
      touched: new Set(sorted.stored.map((r) => r.protocol.precinct)),
      answer: (findings) => json(200, { stored: sorted.stored.map(identity), unchanged: sorted.unchanged.map(identity), findings })
    }
  }

  private annulled(req: http.IncomingMessage, value: unknown, sha256: string): Answer {
    const { live } = this
    const v = value as { precinct?: unknown; annulled?: unknown } | null
    const keys = typeof v === "object" && v !== null && !Array.isArray(v) ? Object.keys(v) : null
    if (keys === null || typeof v!.precinct !== "string" || typeof v!.annulled !== "boolean" || keys.some((k) => k !== "precinct" && k !== "annulled")) {
      this.record(req, "annulled", sha256, "problems", 400, [], null)
      return error(400, 'the body must be { "precinct": ID, "annulled": true or false }')
    }
    const a: Annulment = { precinct: v!.precinct, annulled: v!.annulled }
    const registry = live.election.registry
    const known = registry !== null ? registry.interner.find(a.precinct) >= 0 : live.hasPrecinct(a.precinct)
    if (!known) {
      this.record(req, "annulled", sha256, "problems", 400, [a.precinct], null)
      return error(400, registry !== null ? `precinct "${a.precinct}" is not in the registry` : `precinct "${a.precinct}" has sent no protocol`)
    }
    if (live.isAnnulled(a.precinct) === a.annulled) this.record(req, "annulled", sha256, "unchanged", 200, [a.precinct], null)
    else {
      this.record(req, "annulled", sha256, a.annulled ? "annulled" : "restored", 200, [a.precinct], { annulment: a })
      live.annul(a)
      this.changed()
    }
    return json(200, live.status(this.seq))
  }

  private lots(req: http.IncomingMessage, value: unknown, sha256: string): Answer {
    const { live } = this
    const v = value as { among?: unknown; winners?: unknown } | null
    const keys = typeof v === "object" && v !== null && !Array.isArray(v) ? Object.keys(v) : null
    if (keys === null || !isIds(v!.among) || !isIds(v!.winners) || v!.winners.length === 0 || keys.some((k) => k !== "among" && k !== "winners")) {
      this.record(req, "lots", sha256, "problems", 400, [], null)
      return error(400, 'the body must be { "among": [ids], "winners": [ids] }')
    }
    const lot: StoredLot = { among: v!.among, winners: v!.winners }
    const settled = live.settledLots(lot)
    if (settled.with <= settled.now) {
      this.record(req, "lots", sha256, "problems", 400, [], null)
      return error(400, "this drawing of lots settles no current tie: it must name exactly the tied lists or candidates and as many winners among them as tied seats")
    }
    this.record(req, "lots", sha256, "settled", 200, [], { lot })
    live.addLot(lot)
    this.changed()
    return json(200, live.status(this.seq))
  }
}
